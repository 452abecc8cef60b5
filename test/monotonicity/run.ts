import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { Finding } from '../../src/model/finding.js'

/** Points the real SDK at the simulator the standard way (AWS_ENDPOINT_URL), with test credentials. */
export function useSimulator(url: string): void {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true'
  })
}

/**
 * The configuration half of a run through the real SDK clients: inventory, then the rules. Retries keep
 * their number but lose their backoff, so "throttled past retries" takes milliseconds.
 */
export async function configurationRun(
  manifestYaml: string,
  options: { hangs?: boolean; endpoint?: string; hangScale?: number } = {}
): Promise<Finding[]> {
  const k = options.hangScale ?? 1
  const aws = new AwsClientFactory({
    retryStrategy: new ConfiguredRetryStrategy(3, 0),
    // A simulator of its own (cases that run at once); otherwise the one AWS_ENDPOINT_URL names.
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    // A server that never answers is ended by the clients' own timeouts; short ones keep the case fast.
    // The same path as the defaults (15 s attempts, 45 s call): two attempts end on the node handler's
    // requestTimeout (no minimum there), the third on the call budget. The idle timeout is armed only
    // after 3 s (DEFER_EVENT_LISTENER_TIME in @smithy/node-http-handler), so it never fires here.
    // `hangScale` stretches them all alike, for a retry on a machine too busy to reach the silent call.
    ...(options.hangs
      ? { timeouts: { connectMs: 500 * k, attemptMs: 250 * k, idleMs: 250 * k, callMs: 600 * k } }
      : {})
  })
  const manifest = parseManifest(manifestYaml, 'vpc-endpoints.yml')
  const inventory = await collectInventory(manifest, aws)
  return checkConfiguration(manifest, inventory)
}
