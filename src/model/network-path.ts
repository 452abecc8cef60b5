/**
 * One hop of a network path as Reachability Analyzer reported it (a PathComponent), reduced to what a
 * person (or a picture of the path) needs: which resource, what kind, and the route or rule it used.
 */
export interface PathHop {
  /** AWS's order along the path (SequenceNumber), from 1. */
  sequence: number
  /** The resource: eni-, sg-, acl-, rtb-, vpce-, subnet-, i-, igw-, nat-, ... */
  id: string
  kind: PathHopKind
  /** The resource's Name tag, when AWS gave one. */
  name?: string
  /** Route tables: the route that carried the traffic. */
  route?: { destination: string; target: string }
  /** Security groups and network ACLs: the rule that let the traffic through, in words. */
  rule?: string
  subnetId?: string
  vpcId?: string
}

export type PathHopKind =
  | 'instance'
  | 'network-interface'
  | 'security-group'
  | 'network-acl'
  | 'route-table'
  | 'subnet'
  | 'vpc-endpoint'
  | 'vpc'
  | 'gateway'
  | 'other'
