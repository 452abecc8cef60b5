/** Input and output names, as in action.yml (kept in one place so a rename cannot miss a reader). */
export const Inputs = {
  Manifest: 'manifest',
  ManifestRef: 'manifest-ref',
  AllowedAccounts: 'allowed-accounts',
  Mode: 'mode',
  FailOn: 'fail-on',
  Evidence: 'evidence',
  EvidenceTimeout: 'evidence-timeout',
  LookupRate: 'lookup-rate',
  Ec2Rate: 'ec2-rate',
  Timeout: 'timeout',
  DnsServers: 'dns-servers',
  RunnerVpc: 'runner-vpc',
  LedgerPath: 'ledger-path',
  ReportPath: 'report-path',
  SarifPath: 'sarif-path',
  Comment: 'comment',
  CheckRun: 'check-run',
  CheckName: 'check-name',
  Shard: 'shard',
  ShardReports: 'shard-reports',
  ExpectedShards: 'expected-shards',
  GitHubToken: 'github-token',
  TerraformPlan: 'terraform-plan'
} as const

export const Outputs = {
  Result: 'result',
  PassCount: 'pass-count',
  FailCount: 'fail-count',
  WarnCount: 'warn-count',
  InconclusiveCount: 'inconclusive-count',
  SkippedCount: 'skipped-count',
  ReportPath: 'report-path',
  SarifPath: 'sarif-path',
  LedgerPath: 'ledger-path'
} as const

export const MODES = ['full', 'config', 'probe', 'verify', 'publish', 'merge'] as const
export type Mode = (typeof MODES)[number]
