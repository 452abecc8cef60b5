import { mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/core/errors.js'
import { PLAN_LIMITS, parseTerraformPlan, readTerraformPlan } from '../../src/plan/read-plan.js'
import { planJson } from './plan-json.js'

const REFERENCE = '/work/shared/reference/aws/terraform-plan-json-aws-instance.json'

function problem(text: string): string {
  try {
    parseTerraformPlan(text, 'tfplan.json')
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message
  }
  throw new Error('expected a UserError')
}

describe('reading the plan JSON (untrusted input)', () => {
  it('reads the real Terraform 0.12 plan of the reference set (format 0.1): one change, no VPC resource', async () => {
    const sample = JSON.parse(await readFile(REFERENCE, 'utf8')).sample
    const plan = parseTerraformPlan(JSON.stringify(sample), 'tfplan.json')
    expect(plan.formatVersion).toBe('0.1')
    expect(plan.changes.map(c => [c.address, c.actions, c.afterUnknown['subnet_id']])).toEqual([
      ['aws_instance.foo', ['create'], true]
    ])
  })

  it('takes module addresses and configuration references from the documented 1.2 shape', () => {
    const plan = parseTerraformPlan(
      JSON.stringify(
        planJson([
          {
            address: 'module.net.aws_route_table_association.a[0]',
            actions: 'create',
            after: { subnet_id: 'subnet-0aaa' },
            unknown: { id: true, route_table_id: true },
            references: { route_table_id: ['aws_route_table.private.id', 'aws_route_table.private'] }
          }
        ])
      ),
      'tfplan.json'
    )
    expect(plan.changes[0]).toMatchObject({
      moduleAddress: 'module.net',
      type: 'aws_route_table_association',
      index: 0,
      before: null,
      references: { route_table_id: ['aws_route_table.private.id', 'aws_route_table.private'] }
    })
  })

  it('locates a JSON syntax error by line and column', () => {
    expect(problem('{\n  "format_version": "1.2",\n  "resource_changes": [,]\n}')).toMatch(
      /^tfplan\.json: line 3, column 24: not valid JSON/
    )
    expect(problem('{"format_version": "1.2"')).toBe(
      'tfplan.json: line 1, column 25: not valid JSON: the text ends early (is it the output of terraform show -json PLAN?)'
    )
    expect(problem('{"a": 1,}')).toContain('line 1, column 9: not valid JSON: unexpected "}"')
    expect(problem('{\n"a" 1}')).toContain('line 2, column 5: not valid JSON: unexpected "1"')
    expect(problem('{"a": "x\ny"}')).toContain('line 1, column 7: ')
    expect(problem('Error: Failed to load plugin')).toContain(
      'line 1, column 1: not valid JSON: unexpected "E"'
    )
  })

  it('refuses an unknown major format version, a state, an errored plan and a wrong shape, naming the field', () => {
    expect(problem(JSON.stringify({ format_version: '2.0' }))).toContain(
      'format_version "2.0" is not supported'
    )
    expect(problem(JSON.stringify({ resource_changes: [] }))).toContain('format_version is missing')
    expect(problem(JSON.stringify({ format_version: '1.0', values: {} }))).toContain(
      'this is a state, not a plan'
    )
    expect(problem(JSON.stringify({ ...planJson([]), errored: true }))).toContain('the plan errored')
    expect(problem(JSON.stringify({ format_version: '1.2', resource_changes: [{ address: 'x' }] }))).toMatch(
      /^tfplan\.json: resource_changes\[0\]\.type: /
    )
    expect(problem('[1,2]')).toContain('not a Terraform plan')
  })

  it('accepts any 1.x minor and ignores properties it does not know (forward compatible)', () => {
    const plan = parseTerraformPlan(
      JSON.stringify({ ...planJson([]), format_version: '1.9', something_new: { a: 1 } }),
      'tfplan.json'
    )
    expect(plan.changes).toEqual([])
  })

  it('refuses a file over the cap without reading it, and a missing file, with a clear message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-plan-'))
    const big = path.join(dir, 'big.json')
    await writeFile(big, '')
    await truncate(big, PLAN_LIMITS.bytes + 1)
    const started = Date.now()
    await expect(readTerraformPlan(big, 'big.json')).rejects.toThrow(
      /big\.json: the plan JSON is 100\.0 MiB, more than/
    )
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(readTerraformPlan(path.join(dir, 'nope.json'), 'nope.json')).rejects.toThrow(
      /nope\.json: cannot read the Terraform plan \(ENOENT\)/
    )
    await expect(readTerraformPlan(dir, 'dir')).rejects.toThrow(/dir: /)
  })

  it('survives hostile nesting without a stack trace', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000)
    const message = problem(deep)
    expect(message).toMatch(/tfplan\.json: /)
  })
})
