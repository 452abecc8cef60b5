import { forgetSecrets } from '../../src/core/redact.js'

/**
 * What a product module keeps from one run to the next inside a process, cleared so that every in-process
 * Action or CLI run starts as a new process would. This replaces re-importing every product module per
 * run (vi.resetModules), which cost about 30 s of the suite's CPU. module-state.test.ts fails when a
 * module of src/ gains state of its own that is not cleared here.
 */
export const CLEARED_MODULE_STATE: readonly string[] = ['src/core/redact.ts knownSecrets']

export function freshProcessState(): void {
  forgetSecrets()
}
