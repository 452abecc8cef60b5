import * as path from 'node:path'

/** `--terraform-plan FILE` / input `terraform-plan`: resolved against `base`, shown as given. */
export function terraformPlanOption(
  raw: string | undefined,
  base: string
): { terraformPlan?: { path: string; displayPath: string } } {
  const file = raw?.trim()
  if (!file) return {}
  return { terraformPlan: { path: path.resolve(base, file), displayPath: file } }
}
