import type { ReportLog } from '../../src/report/github/log.js'

export interface CollectingLog extends ReportLog {
  infos: string[]
  notices: string[]
  warnings: string[]
  all(): string[]
}

export function collectingLog(): CollectingLog {
  const infos: string[] = []
  const notices: string[] = []
  const warnings: string[] = []
  return {
    infos,
    notices,
    warnings,
    info: m => void infos.push(m),
    notice: m => void notices.push(m),
    warning: m => void warnings.push(m),
    all: () => [...infos, ...notices, ...warnings]
  }
}
