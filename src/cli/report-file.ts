import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { UserError } from '../core/errors.js'

/**
 * `--report FILE` is checked before the run starts, so a typo costs no AWS calls and no wait: the file is
 * writable, or does not exist yet under a directory that is (or can be made). Read-only side effects only.
 */
export async function assertWritable(file: string, shown: string): Promise<void> {
  const existing = await stat(file).catch(() => undefined)
  if (existing?.isDirectory()) throw unwritable(shown, 'it is a directory')
  if (existing) {
    await access(file, constants.W_OK).catch(() => {
      throw unwritable(shown, 'permission denied')
    })
    return
  }
  let dir = path.dirname(file)
  for (;;) {
    const found = await stat(dir).catch(() => undefined)
    if (found) {
      if (!found.isDirectory()) throw unwritable(shown, `${dir} is not a directory`)
      await access(dir, constants.W_OK | constants.X_OK).catch(() => {
        throw unwritable(shown, `cannot create files in ${dir} (permission denied)`)
      })
      return
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw unwritable(shown, 'no such directory')
    dir = parent
  }
}

/** A failed write after the run (disk full, the directory removed meanwhile): one line, exit 2. */
export async function writeOrExplain(shown: string, write: () => Promise<void>): Promise<void> {
  try {
    await write()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code
    if (typeof code !== 'string') throw error
    throw unwritable(shown, `${code}: ${(error as Error).message.replace(/^[A-Z]+: /, '')}`)
  }
}

function unwritable(shown: string, why: string): UserError {
  return new UserError(`--report ${shown}: cannot write the report there (${why}).`)
}
