import { partition } from '@aws-sdk/core/client'
import {
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  SelectorType,
  booleanSelector
} from '@smithy/core/config'
import { UserError } from '../core/errors.js'

/**
 * The hostname the workload's SDK would call for a service, from the SDK's own pieces rather than a
 * hand-kept host list:
 * - the region's **partition** (`partition()` of @aws-sdk/core, the SDK's partitions.json): DNS suffix
 *   (`amazonaws.com`, `amazonaws.com.cn`, …), dual-stack suffix (`api.aws`, …), FIPS and dual-stack support;
 * - **`AWS_USE_FIPS_ENDPOINT` / `AWS_USE_DUALSTACK_ENDPOINT`**, parsed by the SDK's own config selectors
 *   (@smithy/core/config), so a value the SDK would reject is rejected here too;
 * - the AWS standard regional endpoint rules every service's ruleset starts from:
 *   `{prefix}[-fips].{region}.{dnsSuffix | dualStackDnsSuffix}`, with the few service quirks the probe
 *   table states (S3's `s3.dualstack.` label).
 * Per-service endpoint settings (`AWS_ENDPOINT_URL_<SERVICE_ID>`, `AWS_ENDPOINT_URL`) are honoured where the
 * probe is sent (send-probe.ts), as the SDK's `getEndpointUrlConfig` does.
 */
export type Env = Readonly<Record<string, string | undefined>>

export interface HostShape {
  /** `<hostPrefix>.<region>.<dnsSuffix>` (e.g. `api.ecr` for ECR). */
  hostPrefix: string
  /** FIPS prefix when it is not `<hostPrefix>-fips` (ECR: `ecr-fips`). */
  fipsPrefix?: string
  /** `label`: dual-stack is a `dualstack.` label under the normal suffix (S3), not the dual-stack suffix. */
  dualStack?: 'suffix' | 'label'
}

export interface EndpointVariant {
  fips: boolean
  dualStack: boolean
}

function flag(read: (env: Env) => boolean | undefined, env: Env, name: string): boolean {
  try {
    return read(env) ?? false
  } catch (error) {
    throw new UserError(`${name}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The FIPS / dual-stack choice as the SDK reads it from the environment. */
export function endpointVariant(env: Env): EndpointVariant {
  return {
    fips: flag(
      e => NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS.environmentVariableSelector(e as NodeJS.ProcessEnv),
      env,
      'AWS_USE_FIPS_ENDPOINT'
    ),
    dualStack: flag(
      e => NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS.environmentVariableSelector(e as NodeJS.ProcessEnv),
      env,
      'AWS_USE_DUALSTACK_ENDPOINT'
    )
  }
}

/** `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns the `AWS_ENDPOINT_URL*` settings off, as in the SDK. */
export function ignoresConfiguredEndpoints(env: Env): boolean {
  return (
    flag(
      e => booleanSelector(e as NodeJS.ProcessEnv, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', SelectorType.ENV),
      env,
      'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'
    ) === true
  )
}

/** The service hostname for the region and variant, or a UserError when the partition has no such variant. */
export function serviceHost(shape: HostShape, region: string, variant: EndpointVariant): string {
  const p = partition(region)
  if (variant.fips && !p.supportsFIPS) {
    throw new UserError(
      `AWS_USE_FIPS_ENDPOINT: partition ${p.name} (${region}) does not support FIPS endpoints.`
    )
  }
  if (variant.dualStack && !p.supportsDualStack) {
    throw new UserError(
      `AWS_USE_DUALSTACK_ENDPOINT: partition ${p.name} (${region}) does not support dual-stack endpoints.`
    )
  }
  const prefix = variant.fips ? (shape.fipsPrefix ?? `${shape.hostPrefix}-fips`) : shape.hostPrefix
  if (variant.dualStack && shape.dualStack === 'label') return `${prefix}.dualstack.${region}.${p.dnsSuffix}`
  return `${prefix}.${region}.${variant.dualStack ? p.dualStackDnsSuffix : p.dnsSuffix}`
}
