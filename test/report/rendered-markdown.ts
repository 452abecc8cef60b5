import MarkdownIt from 'markdown-it'

/** Markdown rendered the way GitHub renders comments: CommonMark + GFM tables, raw HTML, autolinks. */
const markdown = new MarkdownIt({ html: true, linkify: true })

export function renderAsGitHub(md: string): string {
  return markdown.render(md)
}

/** What a reader sees: tags dropped, entities decoded. */
export function visibleText(rendered: string): string {
  return rendered
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The cells of each table body row, as rendered HTML. */
export function tableRows(rendered: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(rendered)?.[1] ?? ''
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(m =>
    [...(m[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(c => c[1] ?? '')
  )
}
