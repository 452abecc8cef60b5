/**
 * A fact read from outside (AWS, the runner): either the value, or the reason it could not be read, so
 * a rule can say `inconclusive` and name what to grant instead of guessing.
 */
export type Fact<T> = { ok: true; value: T } | { ok: false; problem: FactProblem }

export interface FactProblem {
  /** `denied`: IAM refused; `error`: any other failure after retries. */
  kind: 'denied' | 'error'
  /** The IAM action to grant, e.g. `ec2:DescribeVpcEndpoints`. */
  action: string
  code: string
  message: string
}

/**
 * The problem code of a fact the inventory did not ask for because no rule of that VPC needs it: not a
 * failed read, and never a value ("off" or "on").
 */
export const NOT_READ = 'NotRead'
