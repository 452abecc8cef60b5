import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/restore-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Measured (docs/benchmarks.md): 3 workers cost more CPU and wall time than 2 on this 2-core machine.
    maxWorkers: 2,
    minWorkers: 1,
    // Files share a worker, so the AWS SDK and the code under test load once per worker, not once per
    // file (measured: 80 s of CPU down to 33 s for the in-process files). test/setup/restore-env.ts
    // hands each file the environment the previous one found.
    isolate: false,
    // The SDK's notice about Node 20 support ending in 2027 is for users, not for every test run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  }
})
