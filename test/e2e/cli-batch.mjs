// Runs the packaged CLI's entry (dist/cli, what bin/vpce-proof.js awaits) once per argument list in ONE
// process, so a table of cases pays the bundle's start-up once. Each run's stdout and stderr are captured
// apart; the results go to stdout as one JSON line per run. Only for runs that leave no state behind
// (usage and manifest errors, offline commands): anything else gets its own process (runCli).
import { main } from '../../dist/cli/index.js'

const argvs = JSON.parse(process.argv[2] ?? '[]')
const write = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr)
}
const results = []
for (const argv of argvs) {
  let stdout = ''
  let stderr = ''
  process.stdout.write = chunk => ((stdout += String(chunk)), true)
  process.stderr.write = chunk => ((stderr += String(chunk)), true)
  let code
  try {
    code = await main(argv)
  } finally {
    process.stdout.write = write.out
    process.stderr.write = write.err
  }
  results.push({ code, stdout, stderr })
}
write.out(JSON.stringify(results) + '\n')
