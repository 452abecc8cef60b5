import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { clientConfig, demoScenario } from './helpers.js'

const ROLE = 'arn:aws:iam::210987654321:role/vpce-proof'

describe('STS', () => {
  let sim: SimulatedAws | undefined
  afterEach(async () => sim?.close())

  it('GetCallerIdentity returns the scenario caller, with the request id in header and body', async () => {
    sim = await startSimulatedAws(demoScenario({ callerArn: 'arn:aws:iam::123456789012:user/ci-bot' }))
    const sts = new STSClient(clientConfig(sim.url))
    const me = await sts.send(new GetCallerIdentityCommand({}))
    expect(me).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ci-bot' })
    expect(me.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/)
    expect(me.$metadata.requestId).toBe(sim.calls[0]?.requestId)
    sts.destroy()
  })

  it('AssumeRole issues unique ASIA keys that then act as the role session', async () => {
    sim = await startSimulatedAws(demoScenario())
    const sts = new STSClient(clientConfig(sim.url))
    const one = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'run-1' }))
    const two = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'run-1' }))
    const k1 = one.Credentials?.AccessKeyId ?? ''
    const k2 = two.Credentials?.AccessKeyId ?? ''
    expect(k1).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(k2).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(k1).not.toBe(k2)
    expect(one.Credentials?.Expiration).toBeInstanceOf(Date)
    expect(one.AssumedRoleUser?.Arn).toBe('arn:aws:sts::210987654321:assumed-role/vpce-proof/run-1')

    const asRole = new STSClient(
      clientConfig(sim.url, {
        credentials: {
          accessKeyId: k1,
          secretAccessKey: one.Credentials?.SecretAccessKey ?? '',
          sessionToken: one.Credentials?.SessionToken ?? ''
        }
      })
    )
    const me = await asRole.send(new GetCallerIdentityCommand({}))
    expect(me).toMatchObject({
      Account: '210987654321',
      Arn: 'arn:aws:sts::210987654321:assumed-role/vpce-proof/run-1'
    })
    expect(me.UserId).toMatch(/^AROA[A-Z0-9]{17}:run-1$/)
    expect(sim.calls.at(-1)).toMatchObject({ accessKeyId: k1, service: 'sts', action: 'GetCallerIdentity' })
    sts.destroy()
    asRole.destroy()
  })

  it('refuses to assume a role listed in deny with the query-protocol AccessDenied error', async () => {
    sim = await startSimulatedAws(demoScenario({ deny: [ROLE] }))
    const sts = new STSClient(clientConfig(sim.url))
    const error = await sts
      .send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'run-2' }))
      .catch(e => e)
    expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
    expect(String(error.message)).toContain(`sts:AssumeRole on resource: ${ROLE}`)
    expect(sim.callCount('AssumeRole')).toBe(1)
    sts.destroy()
  })

  it('answers EC2 for the account of the credentials used (the simulator has one set of VPCs)', async () => {
    sim = await startSimulatedAws(demoScenario())
    const sts = new STSClient(clientConfig(sim.url))
    const creds = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'ec2' })))
      .Credentials
    const ec2 = new EC2Client(
      clientConfig(sim.url, {
        credentials: {
          accessKeyId: creds?.AccessKeyId ?? '',
          secretAccessKey: creds?.SecretAccessKey ?? '',
          sessionToken: creds?.SessionToken ?? ''
        }
      })
    )
    const out = await ec2.send(new DescribeVpcsCommand({}))
    expect(out.Vpcs).toHaveLength(1)
    expect(sim.calls.at(-1)?.accessKeyId).toBe(creds?.AccessKeyId)
    sts.destroy()
    ec2.destroy()
  })
})
