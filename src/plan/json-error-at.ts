/**
 * Where JSON text first goes wrong, for a message with line and column: V8's own message names a position
 * only for some errors (Node 20 says `Unexpected token ','` and quotes the text instead). Called only after
 * JSON.parse failed; one pass, no recursion, so hostile nesting cannot overflow the stack.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const n = text.length
  // Each open container: expecting a value ('v'), a key ('k'), or ',' / close ('c') next.
  const stack: { close: string; expect: 'v' | 'k' | 'c' | 'first' }[] = []
  let done = false
  const ws = () => {
    while (i < n && ' \t\n\r'.includes(text[i] as string)) i++
  }
  const string = (): boolean => {
    i++
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 34) {
        i++
        return true
      }
      if (c < 32) return false
      if (c === 92) {
        const e = text[i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false
          i += 6
          continue
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return false
        i += 2
        continue
      }
      i++
    }
    return false
  }
  const scalar = (): boolean => {
    const rest = text.slice(i, i + 400)
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(rest)
    if (!m) return false
    i += m[0].length
    return true
  }
  const afterValue = () => {
    const top = stack[stack.length - 1]
    if (top) top.expect = 'c'
    else done = true
  }
  for (;;) {
    ws()
    if (done) return i < n ? i : -1
    if (i >= n) return n
    const c = text[i] as string
    const top = stack[stack.length - 1]
    if (top && (top.expect === 'c' || top.expect === 'first') && c === top.close) {
      stack.pop()
      i++
      afterValue()
      continue
    }
    if (top?.expect === 'c') {
      if (c !== ',') return i
      i++
      top.expect = top.close === '}' ? 'k' : 'v'
      continue
    }
    if (top && top.close === '}' && (top.expect === 'k' || top.expect === 'first')) {
      if (c !== '"' || !string()) return i
      ws()
      if (text[i] !== ':') return i
      i++
      top.expect = 'v'
      continue
    }
    if (c === '{' || c === '[') {
      if (top) top.expect = 'c'
      stack.push({ close: c === '{' ? '}' : ']', expect: 'first' })
      i++
      continue
    }
    const start = i
    if (c === '"' ? !string() : !scalar()) return start
    afterValue()
  }
}
