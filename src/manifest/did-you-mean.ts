/**
 * The closest of `candidates` to a misspelt `word`, if it is close enough to be what was meant. Case, `_` for
 * `-` and camelCase are forgiven first (`routeTables`, `role_arn`), then a few typing slips.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const wanted = simplify(word)
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(wanted, simplify(candidate))
    if (best === undefined || distance < best.distance) best = { candidate, distance }
  }
  if (best === undefined) return undefined
  const tolerance = Math.max(1, Math.min(3, Math.floor(best.candidate.length / 3)))
  return best.distance <= tolerance ? best.candidate : undefined
}

function simplify(word: string): string {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/_/g, '-')
}

/** Levenshtein distance, with a transposition counted as one slip (Damerau, restricted). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1)
      const row = d[i]
      if (row !== undefined) row[j] = value
    }
  }
  return at(a.length, b.length)
}
