import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn dist/ and loopback servers; two cores do not gain from more workers.
    maxWorkers: 2,
    minWorkers: 1,
    // The SDK's notice about Node 20 support ending in 2027 is for users, not for every test run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  }
})
