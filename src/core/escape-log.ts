/**
 * Escaping for the two plain-text channels. Text from outside (AWS responses, the manifest, an
 * artifact) reaches both; neither may let it act:
 * - the Actions log: the runner executes any line that starts with `::` (after leading spaces) as a
 *   workflow command (`::add-mask::`, `::warning::`, `::stop-commands::`…);
 * - a terminal: C0/C1 control characters (ESC sequences) move the cursor, clear the screen, set the
 *   window title, or hide what came before.
 */

/** C0 and C1 controls except tab and newline, DEL, and bidirectional overrides ("Trojan Source"). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Removes control characters (a CR alone would let a line overwrite itself); keeps `\n` and `\t`. */
export function stripControl(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL, '')
}

/** `::` at a line start becomes `:` U+200B `:`, which the runner does not parse, and reads the same. */
function defuseCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1:\u200b')
}

/** For `core.info` and friends: one or more lines that can never be a workflow command. */
export function logSafe(text: string): string {
  return defuseCommands(stripControl(text))
}

/** For stdout/stderr of the CLI: no control sequences. */
export function terminalSafe(text: string): string {
  return stripControl(text)
}
