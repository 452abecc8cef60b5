import type { SourceLocation } from '../model/location.js'
import { logSafe, terminalSafe } from './escape-log.js'

/** Where progress and channel warnings go: the Actions log (core) or stderr (CLI). */
export interface Log {
  info(message: string): void
  notice(message: string): void
  /** `at`: the manifest place it is about (the Action annotates that line; the CLI's text names it). */
  warning(message: string, at?: SourceLocation): void
}

/**
 * The CLI's log: one line per message to `write` (stderr). Messages carry text from outside (AWS error
 * codes, manifest keys, an artifact's notes), so it never passes control sequences to the terminal.
 */
export function lineLog(write: (text: string) => void): Log {
  return {
    info: m => write(`${terminalSafe(m)}\n`),
    notice: m => write(`notice: ${terminalSafe(m)}\n`),
    warning: m => write(`warning: ${terminalSafe(m)}\n`)
  }
}

/**
 * Wraps the Actions log so no message can start a workflow command or carry control sequences, whoever
 * wrote it. (`core.warning`/`notice` escape their own data; `core.info` writes the line as is.)
 */
export function commandSafeLog(log: Log): Log {
  return {
    info: m => log.info(logSafe(m)),
    notice: m => log.notice(logSafe(m)),
    warning: (m, at) => log.warning(logSafe(m), at)
  }
}
