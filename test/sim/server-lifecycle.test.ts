import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { describe, expect, it } from 'vitest'
import { startSimulatedAws } from '../../sim/server.js'
import { clientConfig, demoScenario } from './helpers.js'

const timeouts = () => process.getActiveResourcesInfo().filter(r => r === 'Timeout').length

describe('server lifecycle', () => {
  it('adds the scenario latency to every answer', async () => {
    const sim = await startSimulatedAws(demoScenario({ latencyMs: 200 }))
    const ec2 = new EC2Client(clientConfig(sim.url))
    const started = Date.now()
    await ec2.send(new DescribeVpcsCommand({}))
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    ec2.destroy()
    await sim.close()
  })

  it('closes at once, leaving no latency timer behind, even with a request in flight', async () => {
    const before = timeouts()
    const sim = await startSimulatedAws(demoScenario({ latencyMs: 5000 }))
    const ec2 = new EC2Client(clientConfig(sim.url, { maxAttempts: 1 }))
    const inFlight = ec2.send(new DescribeVpcsCommand({})).catch((e: unknown) => e)
    while (sim.calls.length === 0) await new Promise(r => setImmediate(r))
    const started = Date.now()
    await sim.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await inFlight).toBeInstanceOf(Error)
    ec2.destroy()
    expect(timeouts()).toBeLessThanOrEqual(before)
  })

  it('CLI: prints AWS_ENDPOINT_URL, serves the scenario file, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sim-cli-'))
    const file = join(dir, 'scenario.json')
    await writeFile(file, JSON.stringify(demoScenario()))
    // Run tsx itself, not through npx: npx does not pass SIGTERM on to its child.
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['sim/cli.ts', '--scenario', file], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve)
        child.once('exit', code => reject(new Error(`cli exited early with ${code}`)))
      })
      expect(firstLine).toMatch(/^AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+$/)
      const ec2 = new EC2Client(clientConfig(firstLine.split('=')[1] ?? ''))
      const out = await ec2.send(new DescribeVpcsCommand({}))
      expect(out.Vpcs?.[0]?.VpcId).toBe('vpc-0123456789abcdef0')
      ec2.destroy()
      const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      await rm(dir, { recursive: true, force: true })
    }
  })
})
