import { JSDOM } from 'jsdom'

/**
 * Mermaid's own parser, as GitHub's renderer runs it. `mermaid` sanitises labels with DOMPurify, which
 * needs a DOM: a jsdom window is installed before mermaid is first imported (tests only; mermaid and
 * jsdom are devDependencies and never bundled).
 */
type Mermaid = typeof import('mermaid').default
let loaded: Promise<Mermaid> | undefined

function load(): Promise<Mermaid> {
  loaded ??= (async () => {
    const g = globalThis as Record<string, unknown>
    if (!g['window']) {
      const { window } = new JSDOM('')
      g['window'] = window
      g['document'] = window.document
    }
    return (await import('mermaid')).default
  })()
  return loaded
}

export interface ParsedFlowchart {
  type: string
  vertices: number
  edges: number
}

/** Parses a diagram; throws Mermaid's parse error for one GitHub would not draw. */
export async function parseMermaid(text: string): Promise<ParsedFlowchart> {
  const mermaid = await load()
  const { diagramType } = await mermaid.parse(text)
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text)
  const db = diagram.db as { getVertices(): Map<string, unknown>; getEdges(): unknown[] }
  return { type: diagramType, vertices: db.getVertices().size, edges: db.getEdges().length }
}

/** The text of every ```mermaid block in some Markdown. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map(m => m[1] ?? '')
}
