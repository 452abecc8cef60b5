/**
 * One resource instance change of a Terraform plan (`terraform show -json PLAN`, format 1.x), reduced to
 * what the overlay reads. `after` holds only values known at plan time; `afterUnknown` flags, with the
 * same shape, the leaves that are "known after apply".
 */
export interface ResourceChange {
  /** Absolute address, e.g. `module.net.aws_route_table_association.private["a"]`. */
  address: string
  /** Module part of the address (`module.net`), empty in the root module. */
  moduleAddress: string
  type: string
  name: string
  /** Instance key (count index or for_each key), when the resource uses either. */
  index?: string | number
  /** `create`, `update`, `delete`, `no-op`, `read`; a replace is `delete` and `create` (either order). */
  actions: string[]
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  afterUnknown: Record<string, unknown>
  /** For each top-level argument: the resource addresses its configuration expression refers to. */
  references: Record<string, string[]>
}

export interface TerraformPlan {
  file: string
  formatVersion: string
  terraformVersion?: string
  /** Managed resources only (data sources are read, never applied). */
  changes: ResourceChange[]
  /** `complete: false`: Terraform expects another plan/apply round after this one. */
  complete: boolean
}
