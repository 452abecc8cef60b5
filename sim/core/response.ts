/** What a handler answers; the server writes it (after the scenario's latency) and logs the call. */
export interface SimResponse {
  status: number
  headers: Record<string, string>
  body: string | Buffer
}

/** A failure every protocol can render in its own error shape. */
export class SimError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Query protocols: `Sender` (client fault) or `Receiver`. */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender'
  ) {
    super(message)
    this.name = code
  }
}
