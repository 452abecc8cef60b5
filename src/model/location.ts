/** Where something is in a file the user wrote (1-based line and column). */
export interface SourceLocation {
  file: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}
