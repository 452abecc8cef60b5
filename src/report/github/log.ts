/**
 * The GitHub channels log through the core's Log: `notice` for expected limitations (a read-only token on
 * a fork's pull request), `warning` for a channel that should have worked; neither changes the verdict.
 */
export type { Log as ReportLog } from '../../core/log.js'
