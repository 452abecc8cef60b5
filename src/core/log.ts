/** Where progress and channel warnings go: the Actions log (core) or stderr (CLI). */
export interface Log {
  info(message: string): void
  notice(message: string): void
  warning(message: string): void
}

export const consoleLog: Log = {
  info: m => console.error(m),
  notice: m => console.error(`notice: ${m}`),
  warning: m => console.error(`warning: ${m}`)
}
