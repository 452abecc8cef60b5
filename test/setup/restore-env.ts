import { afterAll } from 'vitest'

/**
 * Test files share worker processes (`isolate: false` in vitest.config.ts: loading the AWS SDK once per
 * worker instead of once per file). A file that points the SDK at its simulator through process.env must
 * not leave it pointed there for the next file, so each file ends with the environment it started with.
 */
const atStart = { ...process.env }

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in atStart)) delete process.env[key]
  Object.assign(process.env, atStart)
})
