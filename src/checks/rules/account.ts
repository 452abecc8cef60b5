import { finding } from '../finding-builder.js'
import { defineRule } from '../rule-declaration.js'

/** `account-matches`: only when the manifest names an account. */
export const callerAccount = defineRule({
  id: 'account-matches',
  kind: 'configuration',
  title: 'Caller is in the declared account',
  family: 'Account',
  found: { fail: 'Caller is in another account' },
  severity: 8.0,
  checks: "STS GetCallerIdentity returns the manifest's `account` for this VPC.",
  why: "Checking the right VPC id in the wrong account would report on somebody else's network.",
  fix: 'Use credentials (or `role-arn`) for the declared account, or correct `account`.',
  scope: 'vpc',
  reads: ['callerAccount'],
  applies: ({ vpc }) => vpc.account !== undefined,
  decide: ({ callerAccount: caller }, { vpc }) => {
    if (!caller) {
      return [
        finding(
          'account-matches',
          'inconclusive',
          { vpc },
          'Could not check the caller account: GetCallerIdentity answered without an account.'
        )
      ]
    }
    return caller === vpc.account
      ? [finding('account-matches', 'pass', { vpc }, `Credentials are in account ${vpc.account}.`)]
      : [
          finding(
            'account-matches',
            'fail',
            { vpc },
            `The credentials are in account ${caller}, but the manifest says ${vpc.account}.`,
            { 'caller-account': caller }
          )
        ]
  }
})
