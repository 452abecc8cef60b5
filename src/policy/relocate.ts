import type { Finding } from '../model/finding.js'
import type { EndpointDeclaration, Manifest, SourceLocation, VpcDeclaration } from '../manifest/types.js'

/**
 * Findings of the base policy point at base lines, but the pull request shows the head file: move each to the
 * same declaration's line in head (same field where it still exists), else to the nearest thing that does
 * (the VPC, then the file's first line), so an annotation never lands on an unrelated head line.
 */
export function relocateToHead(findings: readonly Finding[], base: Manifest, head: Manifest): Finding[] {
  const moves = new Map<string, SourceLocation>()
  const headStart: SourceLocation = { file: head.file, line: 1, column: 1 }
  for (const b of base.vpcs) {
    const h = head.vpcs.find(v => v.id === b.id && v.region === b.region)
    addAll(moves, b, h ? h.location : headStart, h)
    for (const be of b.endpoints) {
      const he = h?.endpoints.find(e => e.serviceName === be.serviceName && e.type === be.type)
      addAll(moves, be, he?.location ?? h?.fieldLocations?.['endpoints'] ?? h?.location ?? headStart, he)
    }
  }
  return findings.map(f => {
    if (f.location.file !== base.file) return f
    const to = moves.get(key(f.location)) ?? headStart
    return { ...f, location: to }
  })
}

function addAll(
  moves: Map<string, SourceLocation>,
  from: VpcDeclaration | EndpointDeclaration,
  fallback: SourceLocation,
  to: VpcDeclaration | EndpointDeclaration | undefined
): void {
  moves.set(key(from.location), to?.location ?? fallback)
  for (const [field, at] of Object.entries(from.fieldLocations ?? {})) {
    if (!moves.has(key(at))) moves.set(key(at), to?.fieldLocations?.[field] ?? to?.location ?? fallback)
  }
}

const key = (l: SourceLocation) => `${l.line}:${l.column}`
