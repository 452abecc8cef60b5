import { escapeMarkdown } from './escape.js'

/**
 * Catalogue text is ours and uses `code spans` on purpose; everything outside them is escaped like
 * any other text (the fixes contain placeholders such as `<vpce>` that HTML would swallow).
 */
export function catalogueText(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((segment, i) => (i % 2 === 1 ? segment : escapeMarkdown(segment, Number.MAX_SAFE_INTEGER)))
    .join('')
}
