import { finding } from '../finding-builder.js'
import { defineRule } from '../rule-declaration.js'

/** `vpc-exists`: every other check is meaningless for a VPC that is not there; the engine gates on it. */
export const vpcExists = defineRule({
  id: 'vpc-exists',
  kind: 'configuration',
  title: 'VPC exists',
  family: 'Exists',
  found: { fail: 'VPC not found' },
  severity: 7.0,
  checks: 'The declared VPC is returned by DescribeVpcs in the declared region and account.',
  why: 'Every other check is about this VPC; a typo or the wrong region/account makes them meaningless.',
  fix: 'Correct the VPC id, `region` or credentials (or `role-arn`) in the manifest.',
  scope: 'vpc',
  reads: ['vpc'],
  decide: ({ vpc: found }, { vpc }) => [
    found === null
      ? finding(
          'vpc-exists',
          'fail',
          { vpc },
          `VPC ${vpc.id} was not found in ${vpc.region}. Check the id, the region and the credentials' account.`
        )
      : finding('vpc-exists', 'pass', { vpc }, `VPC ${vpc.id} exists in ${vpc.region}.`)
  ]
})
