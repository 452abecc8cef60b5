import { z } from 'zod'
import { allRules } from '../catalogue.js'
import { UNSUPPRESSIBLE } from '../suppress/suppression-rules.js'
import { ENDPOINT_ID, SERVICE_NAME, VPC_ID } from './patterns.js'

/**
 * One `ignore:` entry: a known exception, accepted with a reason and, ideally, an end date. The rule id is
 * checked against the catalogue in resolve-ignore.ts (with did-you-mean), since the schema cannot import it.
 */

/** The rule ids an entry may name: every rule but those guarding the policy and the entries themselves. */
export const SUPPRESSIBLE_RULES: readonly string[] = allRules
  .map(r => r.id)
  .filter(id => !UNSUPPRESSIBLE.has(id))

/** `YYYY-MM-DD`, as written in YAML 1.2 (which reads it as a string). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Longest reason kept: enough for a sentence and a ticket link, short enough for an annotation. */
export const REASON_MAX = 500

function matching(pattern: RegExp, expected: string) {
  return z.string({ error: expected }).regex(pattern, { error: expected })
}

export const ignoreEntrySchema = z
  .strictObject(
    {
      rule: z.string({ error: 'expected a rule id such as private-dns-enabled (docs/rules.md)' }).meta({
        description: 'The rule id whose findings this entry accepts, as in docs/rules.md.',
        // For editors' completion only; the loader says did-you-mean itself (resolve-ignore.ts).
        enum: SUPPRESSIBLE_RULES,
        examples: ['private-dns-enabled']
      }),
      vpc: matching(VPC_ID, 'expected a VPC id: vpc- and 8 or 17 hex digits')
        .optional()
        .meta({ description: 'Only findings about this VPC (declared in `vpcs`).' }),
      service: matching(SERVICE_NAME, 'expected a service name as declared, such as kms or ecr.api')
        .optional()
        .meta({
          description: 'Only findings about this declared service (its short name, as in `service`).'
        }),
      endpoint: matching(ENDPOINT_ID, 'expected a VPC endpoint id: vpce- and 8 or 17 hex digits')
        .optional()
        .meta({ description: 'Only findings about this VPC endpoint id.' }),
      reason: z
        .string({ error: 'expected the reason this exception is accepted, as text' })
        .trim()
        .min(1, { error: 'expected a reason: say why this exception is accepted (and who accepted it)' })
        .max(REASON_MAX, { error: `expected a reason of at most ${REASON_MAX} characters` })
        .meta({
          description:
            'Why the exception is accepted (a sentence, a ticket). Shown beside the suppressed finding and in SARIF.'
        }),
      expires: matching(ISO_DATE, 'expected a date as YYYY-MM-DD, e.g. 2027-03-31')
        .refine(isCalendarDate, { error: 'expected a real calendar date as YYYY-MM-DD' })
        .optional()
        .meta({
          description:
            'Last day (UTC) the entry holds. After it the findings count again and the entry is a warning at its line.',
          examples: ['2027-03-31']
        })
    },
    {
      error:
        'expected an ignore entry: a mapping with `rule`, a scope (`vpc`, `service`, `endpoint`) and `reason`'
    }
  )
  .superRefine((entry, ctx) => {
    if (entry.vpc === undefined && entry.service === undefined && entry.endpoint === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rule'],
        message:
          'an ignore entry needs a scope: `vpc`, `service` and/or `endpoint` (an exception for every resource is not an exception)'
      })
    }
  })
  .meta({
    title: 'Ignore entry',
    description:
      "A known exception: the rule's findings in this scope are shown as suppressed and do not fail the run.",
    anyOf: [{ required: ['vpc'] }, { required: ['service'] }, { required: ['endpoint'] }]
  })

export const ignoreListSchema = z
  .array(ignoreEntrySchema, { error: 'expected a list of ignore entries' })
  .optional()
  .meta({
    description:
      'Known exceptions, each with a rule id, a scope, a reason and optionally an end date (docs/manifest.md#ignore).'
  })

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}
