import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Most files wait part of the time (loopback servers, real socket timeouts, child processes), so more
// workers than cores keep the cores busy. Measured on 2 idle cores (docs/benchmarks.md): 2 workers 43 s,
// 3 workers 32-33 s, 4 workers 29-31 s, 5 workers 32-33 s. The pool never shrinks (min = max): a worker
// retired as idle while the run was ending surfaced as an unhandled "Terminating worker thread" rejection
// and failed the run.
const workers = Math.max(4, availableParallelism() + 2)

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/restore-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: workers,
    minWorkers: workers,
    // Files share a worker, so the AWS SDK and the code under test load once per worker, not once per
    // file (measured: 80 s of CPU down to 33 s for the in-process files; in-process runs clear the product's
    // module state instead of re-importing it, test/e2e/process-state.ts). test/setup/restore-env.ts
    // hands each file the environment the previous one found.
    isolate: false,
    // The SDK's notice about Node 20 support ending in 2027 is for users, not for every test run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  }
})
