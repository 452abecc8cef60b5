/**
 * A problem the user can fix (bad input, bad manifest, missing credentials). Entries print its message as
 * one clear line and exit with the usage code; anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  override readonly name = 'UserError'
  constructor(
    message: string,
    /** Extra lines (e.g. one per manifest problem) shown under the message. */
    readonly details: readonly string[] = []
  ) {
    super(message)
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}
