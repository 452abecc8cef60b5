import type { VpcSnapshot } from '../aws/snapshot.js'
import type { VpcDeclaration } from '../manifest/types.js'
import { finding, inconclusive, type Subject } from './finding-builder.js'
import type { Finding } from '../model/finding.js'

/** `vpc-missing`: every other check is meaningless for a VPC that is not there. Returns false to stop. */
export function checkVpcExists(
  vpc: VpcDeclaration,
  snap: VpcSnapshot
): { findings: Finding[]; exists: boolean } {
  const subject: Subject = { vpc }
  if (!snap.vpc.ok)
    return { findings: [inconclusive('vpc-missing', subject, snap.vpc.problem, 'the VPC')], exists: true }
  if (snap.vpc.value === null) {
    return {
      findings: [
        finding(
          'vpc-missing',
          'fail',
          subject,
          `VPC ${vpc.id} was not found in ${vpc.region}. Check the id, the region and the credentials' account.`
        )
      ],
      exists: false
    }
  }
  return {
    findings: [finding('vpc-missing', 'pass', subject, `VPC ${vpc.id} exists in ${vpc.region}.`)],
    exists: true
  }
}

/** `account-mismatch`: only when the manifest names an account. */
export function checkAccount(vpc: VpcDeclaration, snap: VpcSnapshot): Finding[] {
  if (!vpc.account || !snap.callerAccount) return []
  const subject: Subject = { vpc }
  const caller = snap.callerAccount
  if (!caller.ok) return [inconclusive('account-mismatch', subject, caller.problem, 'the caller account')]
  return caller.value === vpc.account
    ? [finding('account-mismatch', 'pass', subject, `Credentials are in account ${vpc.account}.`)]
    : [
        finding(
          'account-mismatch',
          'fail',
          subject,
          `The credentials are in account ${caller.value}, but the manifest says ${vpc.account}.`,
          { 'caller-account': caller.value }
        )
      ]
}

/**
 * `vpc-dns-support` and `vpc-dns-hostnames`: private DNS for interface endpoints needs both, so they are
 * checked only when the VPC declares an Interface endpoint with private DNS.
 */
export function checkVpcDns(vpc: VpcDeclaration, snap: VpcSnapshot): Finding[] {
  if (!vpc.endpoints.some(e => e.type === 'Interface' && e.privateDns)) return []
  const subject: Subject = { vpc }
  const attributes = [
    { rule: 'vpc-dns-support', fact: snap.enableDnsSupport, name: 'enableDnsSupport' },
    { rule: 'vpc-dns-hostnames', fact: snap.enableDnsHostnames, name: 'enableDnsHostnames' }
  ] as const
  return attributes.map(({ rule, fact, name }) => {
    if (!fact.ok) return inconclusive(rule, subject, fact.problem, `the VPC attribute ${name}`)
    return fact.value
      ? finding(rule, 'pass', subject, `${name} is on for ${vpc.id}.`)
      : finding(
          rule,
          'fail',
          subject,
          `${name} is off for ${vpc.id}, so private DNS names of its interface endpoints do not resolve to them.`,
          { attribute: name }
        )
  })
}
