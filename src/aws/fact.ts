import { credentialsError, isCredentialsProblem, toFactProblem } from './aws-problem.js'
import type { Fact } from './snapshot.js'

/**
 * Runs one AWS read and keeps its failure as data: a denied or failed call makes only the checks that
 * need it inconclusive. Missing or rejected credentials stop the run, since nothing else can be read.
 */
export async function readFact<T>(action: string, read: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { ok: true, value: await read() }
  } catch (error) {
    if (isCredentialsProblem(error)) throw credentialsError(error)
    return { ok: false, problem: toFactProblem(error, action) }
  }
}

export function mapFact<T, U>(fact: Fact<T>, fn: (value: T) => U): Fact<U> {
  return fact.ok ? { ok: true, value: fn(fact.value) } : fact
}
