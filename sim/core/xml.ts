/**
 * A tiny XML builder in which every value is escaped: `text()` is the only way a plain string enters a
 * document, and `node()`/`list()` accept only fragments built by these functions (the `Xml` brand).
 */
export type Xml = string & { readonly __xml: unique symbol }

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;'
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, c => ENTITIES[c] ?? c)
}

/** `<name>value</name>`; nothing at all when the value is undefined (AWS leaves absent members out). */
export function text(name: string, value: string | number | boolean | undefined): Xml {
  if (value === undefined) return '' as Xml
  return `<${name}>${escapeXml(String(value))}</${name}>` as Xml
}

export function node(name: string, ...children: Xml[]): Xml {
  return `<${name}>${children.join('')}</${name}>` as Xml
}

/** EC2 list: `<nameSet><item>..</item></nameSet>`, self-closing when empty (as in the AWS samples). */
export function itemList(name: string, items: Xml[][]): Xml {
  if (items.length === 0) return `<${name}/>` as Xml
  return `<${name}>${items.map(i => `<item>${i.join('')}</item>`).join('')}</${name}>` as Xml
}

/** EC2 list of plain strings: `<subnetIdSet><item>subnet-1</item></subnetIdSet>`. */
export function valueList(name: string, values: readonly string[]): Xml {
  return itemList(
    name,
    values.map(v => [escapeXml(v) as Xml])
  )
}

/** Query-protocol list (`<member>`), self-closing when empty. */
export function memberList(name: string, items: Xml[][]): Xml {
  if (items.length === 0) return `<${name}/>` as Xml
  return `<${name}>${items.map(i => `<member>${i.join('')}</member>`).join('')}</${name}>` as Xml
}

export function xmlDocument(root: string, namespace: string | undefined, ...children: Xml[]): string {
  const ns = namespace === undefined ? '' : ` xmlns="${escapeXml(namespace)}"`
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${children.join('')}</${root}>`
}
