#!/usr/bin/env node
// The package's CLI: the bundled build, so it runs without the TypeScript toolchain.
import { main } from '../dist/cli/index.js'

process.exitCode = await main(process.argv.slice(2))
