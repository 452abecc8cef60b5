import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { MAX_DIAGRAM_NODES, vpcFlowchart } from '../../src/report/mermaid/flowchart.js'
import { pathsOf } from '../../src/report/mermaid/path-model.js'
import { renderReportMarkdown } from '../../src/report/markdown/render.js'
import { finding, mixedReport, report, VPC } from './fixtures.js'
import { mermaidBlocks, parseMermaid } from './mermaid-parser.js'

/** A run like the demo: an Interface endpoint through its ENIs, one around it, a Gateway with a missing route. */
function demoLike(extra: Finding[] = []): Finding[] {
  return [
    finding({ ruleId: 'endpoint-exists', verdict: 'pass' }),
    finding({
      ruleId: 'dns-resolves-to-endpoint',
      verdict: 'pass',
      evidence: { host: 'sns.ap-northeast-1.amazonaws.com', answers: '10.0.1.10, 10.0.2.10' }
    }),
    finding({
      ruleId: 'traffic-via-endpoint',
      verdict: 'pass',
      evidence: { vpcEndpointId: 'vpce-01251def6b627a209' }
    }),
    finding({
      ruleId: 'source-ip-private',
      verdict: 'pass',
      evidence: { sourceIPAddress: '10.0.1.25' }
    }),
    finding({
      ruleId: 'private-dns-enabled',
      verdict: 'fail',
      service: 'kms',
      endpointId: 'vpce-0kms0000000000001'
    }),
    finding({
      ruleId: 'traffic-via-endpoint',
      verdict: 'fail',
      service: 'kms',
      endpointId: 'vpce-0kms0000000000001',
      evidence: { sourceIPAddress: '203.0.113.10' }
    }),
    finding({
      ruleId: 'gateway-route-present',
      verdict: 'pass',
      service: 's3',
      endpointId: 'vpce-0s300000000000001',
      evidence: { 'route-table': 'rtb-0aaa1111bbbb22223' }
    }),
    finding({
      ruleId: 'gateway-route-present',
      verdict: 'fail',
      service: 's3',
      endpointId: 'vpce-0s300000000000001',
      evidence: { 'route-table': 'rtb-0main000000000000' }
    }),
    ...extra
  ]
}

describe('Mermaid path diagrams', () => {
  it('parse with Mermaid: runner → DNS answer / route table → vpce → service, and the way around', async () => {
    const [vpc] = pathsOf(demoLike())
    const chart = vpcFlowchart(vpc!)!
    const parsed = await parseMermaid(chart)
    expect(parsed.type).toBe('flowchart-v2')
    expect(parsed.vertices).toBe((chart.match(/^n\d+\[|^n\d+\(/gm) ?? []).length)
    expect(chart).toContain('sns.ap-northeast-1.amazonaws.com #8594; 10.0.1.10, 10.0.2.10')
    expect(chart).toContain('NAT or internet gateway')
    expect(chart).toMatch(/-\.->\|no vpcEndpointId, from 203\.0\.113\.10\|/)
    expect(chart).toContain('rtb-0main000000000000')
    expect(chart).toContain('not via the endpoint')
    // Coloured by verdict.
    expect(chart).toMatch(/classDef fail fill:#ffebe9/)
    expect(chart).toMatch(/linkStyle [\d,]+ stroke:#cf222e/)
  })

  it('draws a Reachability Analyzer hop list when a finding carries one', async () => {
    const hops = finding({
      ruleId: 'reachability-path',
      verdict: 'pass',
      evidence: { hops: 'eni-0aaa1111bbbb22223, rtb-0aaa1111bbbb22223, vpce-01251def6b627a209' }
    })
    const chart = vpcFlowchart(pathsOf(demoLike([hops]))[0]!)!
    await expect(parseMermaid(chart)).resolves.toMatchObject({ type: 'flowchart-v2' })
    expect(chart).toMatch(/-\.->\|Reachability Analyzer\| n\d+/)
    expect(chart).toContain('eni-0aaa1111bbbb22223')
  })

  it("draws the hops Reachability Analyzer's own finding carries (networkPath), not its hop count", async () => {
    const reach = finding({
      ruleId: 'reachability-path-found',
      verdict: 'pass',
      evidence: { 'hop-count': '3', source: 'eni-0aaa1111bbbb22223' },
      networkPath: [
        { sequence: 1, id: 'eni-0aaa1111bbbb22223', kind: 'network-interface' },
        { sequence: 2, id: 'rtb-0aaa1111bbbb22223', kind: 'route-table' },
        { sequence: 3, id: 'vpce-01251def6b627a209', kind: 'vpc-endpoint' }
      ]
    })
    const chart = vpcFlowchart(pathsOf(demoLike([reach]))[0]!)!
    await expect(parseMermaid(chart)).resolves.toMatchObject({ type: 'flowchart-v2' })
    expect(chart).toMatch(/-\.->\|Reachability Analyzer\| n\d+/)
    expect(chart).toContain('rtb-0aaa1111bbbb22223')
    expect(chart).not.toMatch(/\["3"\]/)
  })

  it('keeps hostile labels from AWS and the manifest as text: same nodes and edges, nothing injected', async () => {
    const hostile = [
      'a"] --> evil["x',
      'svc`x` %%{init: {"theme":"dark"}}%% click n0 "javascript:alert(1)"',
      '<script>alert(1)</script><img src=x onerror=alert(1)>',
      'line\nbreak\r\n```\nflowchart TD',
      'end; subgraph s; style n0 fill:#f00 ;;| |-->',
      '日本語のサービス名 🚀 &amp; #quot;'
    ]
    const findings = hostile.flatMap((h, i) => [
      finding({ service: h, endpointId: `vpce-${h}`, location: { file: 'm.yml', line: 10 + i, column: 1 } }),
      finding({
        ruleId: 'dns-resolves-to-endpoint',
        verdict: 'fail',
        service: h,
        endpointId: `vpce-${h}`,
        location: { file: 'm.yml', line: 10 + i, column: 1 },
        evidence: { host: h, answers: h }
      }),
      finding({
        ruleId: 'traffic-via-endpoint',
        verdict: 'fail',
        service: h,
        endpointId: `vpce-${h}`,
        location: { file: 'm.yml', line: 10 + i, column: 1 },
        evidence: { sourceIPAddress: h }
      })
    ])
    const md = renderReportMarkdown(report(findings))
    const [chart] = mermaidBlocks(md)
    expect(chart).toBeDefined()
    const parsed = await parseMermaid(chart!)
    // runner + per endpoint: service, endpoint, DNS answer, the gateway around.
    expect(parsed.vertices).toBe(1 + hostile.length * 4)
    expect(parsed.edges).toBe(hostile.length * 5)
    // Every line is one of ours; inside labels no quote, backtick, angle bracket, pipe or `%%` is left.
    const ours =
      /^(flowchart LR|n\d+(\["[^"]*"\]|\(\["[^"]*"\]\))|n\d+ (-->|-\.->)(\|[^|"]*\|)? n\d+|classDef \w+ [\w:#,-]+|class [n\d,]+ \w+|linkStyle [\d,]+ [\w:#,-]+)$/
    for (const line of chart!.split('\n')) expect(line).toMatch(ours)
    const labels = [...chart!.matchAll(/\["([^"]*)"\]|\|([^|]*)\|/g)].map(m => m[1] ?? m[2] ?? '')
    for (const label of labels) expect(label).not.toMatch(/[<>`|"]|%%/)
    // The fence around it is closed once, by us.
    expect(md.split('```').length).toBe(3)
  })

  it('every diagram of the report fixtures parses', async () => {
    for (const r of [mixedReport(), report(demoLike())]) {
      const blocks = mermaidBlocks(renderReportMarkdown(r))
      expect(blocks.length).toBe(1)
      for (const b of blocks) await expect(parseMermaid(b)).resolves.toMatchObject({ type: 'flowchart-v2' })
    }
  })

  it('degrades to the matrix alone above the size limit', () => {
    const many = Array.from({ length: MAX_DIAGRAM_NODES }, (_, i) =>
      finding({ service: `svc${i}`, endpointId: `vpce-${String(i).padStart(17, '0')}` })
    )
    expect(vpcFlowchart(pathsOf(many)[0]!)).toBeUndefined()
    const md = renderReportMarkdown(report(many))
    expect(mermaidBlocks(md)).toEqual([])
    expect(md).toContain(`Paths in ${VPC} (ap-northeast-1): not drawn (over ${MAX_DIAGRAM_NODES} nodes)`)
    expect(md).toContain('| Endpoint |')
  })
})
