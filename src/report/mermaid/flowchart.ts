import type { Verdict } from '../../model/finding.js'
import { mermaidLabel, mermaidText } from './label.js'
import type { EndpointPath, Step, VpcPaths } from './path-model.js'

/** Above this many nodes a diagram is no longer readable on a pull request: the matrix alone says it. */
export const MAX_DIAGRAM_NODES = 60

const STYLE: Record<string, string> = {
  pass: 'fill:#dafbe1,stroke:#1a7f37,color:#000',
  fail: 'fill:#ffebe9,stroke:#cf222e,color:#000',
  inconclusive: 'fill:#fff8c5,stroke:#9a6700,color:#000',
  warn: 'fill:#fff8c5,stroke:#9a6700,color:#000',
  other: 'fill:#f6f8fa,stroke:#57606a,color:#000'
}
const EDGE: Record<string, string> = {
  pass: 'stroke:#1a7f37,stroke-width:2px',
  fail: 'stroke:#cf222e,stroke-width:2px',
  inconclusive: 'stroke:#9a6700,stroke-width:2px',
  warn: 'stroke:#9a6700,stroke-width:2px',
  other: 'stroke:#57606a'
}

function styleKey(v: Verdict | undefined): string {
  return v && v in STYLE ? v : 'other'
}

/** Collects nodes and edges with ids of our own (n0, n1, …), so no AWS string is ever an id. */
class Graph {
  private readonly lines: string[] = []
  private readonly classes = new Map<string, string[]>()
  private readonly edgeStyles = new Map<string, number[]>()
  private nodes = 0
  private edges = 0

  get nodeCount(): number {
    return this.nodes
  }

  node(label: string, verdict: Verdict | undefined, shape: 'box' | 'round' = 'box'): string {
    const id = `n${this.nodes++}`
    const [open, close] = shape === 'round' ? ['(["', '"])'] : ['["', '"]']
    this.lines.push(`${id}${open}${label}${close}`)
    const key = styleKey(verdict)
    this.classes.set(key, [...(this.classes.get(key) ?? []), id])
    return id
  }

  edge(from: string, to: string, verdict: Verdict | undefined, label?: string, dotted = false): void {
    const arrow = dotted ? '-.->' : '-->'
    this.lines.push(`${from} ${arrow}${label ? `|${mermaidText(label, 50)}|` : ''} ${to}`)
    const key = styleKey(verdict)
    this.edgeStyles.set(key, [...(this.edgeStyles.get(key) ?? []), this.edges++])
  }

  /** Lines without indentation: GitHub shows the picture, never this text, and the summary is counted in bytes. */
  text(): string {
    const out = ['flowchart LR', ...this.lines]
    for (const [key, ids] of this.classes)
      out.push(`classDef ${key} ${STYLE[key]}`, `class ${ids.join(',')} ${key}`)
    for (const [key, idx] of this.edgeStyles) out.push(`linkStyle ${idx.join(',')} ${EDGE[key]}`)
    return out.join('\n')
  }
}

function step(g: Graph, s: Step): string {
  return g.node(mermaidLabel(s.label), s.verdict)
}

function drawEndpoint(g: Graph, runner: string, e: EndpointPath): void {
  const service = g.node(mermaidLabel(e.service), undefined, 'round')
  const endpoint = g.node(mermaidLabel(e.endpointId ?? `${e.service} endpoint (not found)`), e.endpoint)
  if (e.dns) {
    const dns = step(g, e.dns)
    g.edge(runner, dns, e.dns.verdict, 'DNS')
    g.edge(dns, endpoint, e.dns.verdict)
  } else if (e.routeTables.length > 0) {
    for (const table of e.routeTables) {
      const rtb = step(g, table)
      g.edge(runner, rtb, table.verdict)
      if (table.verdict === 'fail') {
        const around = g.node(mermaidLabel('not via the endpoint'), 'fail')
        g.edge(rtb, around, 'fail', 'no endpoint route', true)
        g.edge(around, service, 'fail', undefined, true)
      } else g.edge(rtb, endpoint, table.verdict)
    }
  } else g.edge(runner, endpoint, e.endpoint)
  const through = e.traffic && !e.traffic.around ? e.traffic.verdict : e.endpoint
  g.edge(endpoint, service, through, e.traffic && !e.traffic.around ? e.traffic.label : undefined)
  if (e.traffic?.around) {
    const gateway = g.node(mermaidLabel('NAT or internet gateway'), 'fail')
    g.edge(runner, gateway, 'fail', e.traffic.label, true)
    g.edge(gateway, service, 'fail', undefined, true)
  }
  if (e.hops) {
    let previous = runner
    for (const hop of e.hops.ids) {
      const id = g.node(mermaidLabel(hop), e.hops.verdict)
      g.edge(previous, id, e.hops.verdict, previous === runner ? 'Reachability Analyzer' : undefined, true)
      previous = id
    }
    g.edge(previous, service, e.hops.verdict, undefined, true)
  }
}

/**
 * A Mermaid flowchart of one VPC: runner → DNS answer (Interface) or route table (Gateway) → `vpce-…`
 * → service, and the way around (NAT or internet gateway) where CloudTrail saw the probe bypass the
 * endpoint; nodes and edges coloured by verdict. Undefined above MAX_DIAGRAM_NODES.
 */
export function vpcFlowchart(vpc: VpcPaths): string | undefined {
  if (vpc.endpoints.length === 0) return undefined
  const g = new Graph()
  const runner = g.node(mermaidLabel('runner', vpc.runnerIps.join(', ')), undefined)
  for (const e of vpc.endpoints) {
    drawEndpoint(g, runner, e)
    if (g.nodeCount > MAX_DIAGRAM_NODES) return undefined
  }
  return g.text()
}
