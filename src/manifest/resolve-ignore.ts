import { UNSUPPRESSIBLE } from '../suppress/suppression-rules.js'
import { didYouMean } from './did-you-mean.js'
import { SUPPRESSIBLE_RULES } from './ignore-schema.js'
import type { ResolutionProblem, ResolvedVpc } from './resolve.js'

/**
 * The `ignore:` rules that need the rest of the file or the catalogue: the rule id exists (did-you-mean
 * otherwise) and may be suppressed, the scope names a declared VPC and service, and each entry is written once.
 * Reads the raw document defensively, like resolve.ts, so these problems come with zod's in one pass.
 */
export function ignoreProblems(
  top: Record<string, unknown>,
  vpcs: readonly ResolvedVpc[]
): ResolutionProblem[] {
  const entries = Array.isArray(top.ignore) ? top.ignore : []
  if (entries.length === 0) return []
  const problems: ResolutionProblem[] = []
  const rawVpcs = Array.isArray(top.vpcs) ? top.vpcs : []
  const declaredVpcs = new Map<string, number>()
  rawVpcs.forEach((v, i) => {
    const id = isRecord(v) ? v.id : undefined
    if (typeof id === 'string' && !declaredVpcs.has(id)) declaredVpcs.set(id, i)
  })
  const services = (vpcIndex: number | undefined): Set<string> | undefined => {
    const chosen = vpcIndex === undefined ? vpcs : [vpcs[vpcIndex]]
    const names = new Set<string>()
    for (const v of chosen) {
      // An endpoint that did not resolve has its own problem; do not add a second one about the scope.
      if (!v || v.endpoints.some(e => e === undefined)) return undefined
      for (const e of v.endpoints) if (e) names.add(e.service)
    }
    return names
  }
  const suppressible = SUPPRESSIBLE_RULES
  const seen = new Map<string, number>()

  entries.forEach((raw, index) => {
    if (!isRecord(raw)) return
    const path = ['ignore', index]
    const { rule, vpc, service, endpoint } = raw
    if (typeof rule === 'string') {
      if (UNSUPPRESSIBLE.has(rule)) {
        problems.push({
          path: [...path, 'rule'],
          message: `rule ${rule} cannot be suppressed: it guards the policy itself (see docs/manifest.md#ignore)`
        })
      } else if (!suppressible.includes(rule)) {
        // A near miss, or the start of an id (`vpc-dns-support` for `vpc-dns-support-enabled`).
        const meant = didYouMean(rule, suppressible) ?? suppressible.find(id => id.startsWith(`${rule}-`))
        problems.push({
          path: [...path, 'rule'],
          message:
            `unknown rule "${rule}"` +
            (meant ? ` (did you mean \`${meant}\`?)` : '; the rule ids are listed in docs/rules.md')
        })
      }
    }
    const vpcIndex = typeof vpc === 'string' ? declaredVpcs.get(vpc) : undefined
    if (typeof vpc === 'string' && vpcIndex === undefined) {
      const meant = didYouMean(vpc, [...declaredVpcs.keys()])
      problems.push({
        path: [...path, 'vpc'],
        message:
          `VPC ${vpc} is not declared in \`vpcs\`, so this entry could never apply` +
          (meant ? ` (did you mean \`${meant}\`?)` : '')
      })
    }
    if (typeof service === 'string' && (typeof vpc !== 'string' || vpcIndex !== undefined)) {
      const declared = services(vpcIndex)
      if (declared && !declared.has(service)) {
        const meant = didYouMean(service, [...declared])
        problems.push({
          path: [...path, 'service'],
          message:
            `service ${service} is not declared ${vpcIndex === undefined ? 'in any VPC' : `in ${String(vpc)}`}, so this entry could never apply` +
            (meant ? ` (did you mean \`${meant}\`?)` : '')
        })
      }
    }
    const key = JSON.stringify([rule, vpc, service, endpoint])
    const first = seen.get(key)
    if (first === undefined) seen.set(key, index)
    else {
      problems.push({
        path: [...path, 'rule'],
        message: 'this ignore entry repeats an earlier one (same rule and scope); keep one',
        firstPath: ['ignore', first]
      })
    }
  })
  return problems
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
