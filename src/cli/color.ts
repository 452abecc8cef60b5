/**
 * Whether the CLI colours its text output, by the conventions users set once for every tool:
 * - `FORCE_COLOR` set and not empty turns colour on even when piped (force-color.org), except `0` and `false`,
 *   which Node.js and its colour libraries read as "off"; it wins over NO_COLOR, as in both;
 * - otherwise `NO_COLOR` set and not empty turns it off (no-color.org);
 * - otherwise colour only on a terminal, and not on TERM=dumb.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTTY && env.TERM !== 'dumb'
}
