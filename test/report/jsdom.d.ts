/** The one jsdom API the Mermaid parser test uses (jsdom ships no types; @types/jsdom pulls in DOM typings that clash with Node's fetch). */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string)
    readonly window: { document: unknown } & Record<string, unknown>
  }
}
