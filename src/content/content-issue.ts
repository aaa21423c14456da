import Value from 'typebox/value'
import type { TSchema } from 'typebox'

/** One problem in data/, printed as `file: field: message`. */
export interface ContentIssue {
  file: string
  field: string
  message: string
}

export function formatIssue (issue: ContentIssue): string {
  return `${issue.file}: ${issue.field}: ${issue.message}`
}

export class ContentValidationError extends Error {
  readonly issues: ContentIssue[]

  constructor (issues: ContentIssue[]) {
    super(`content is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
      issues.map(formatIssue).join('\n'))
    this.name = 'ContentValidationError'
    this.issues = issues
  }
}

/** `/sources/0/url` becomes `sources[0].url`; the root is `(file)`. */
export function fieldFromPointer (pointer: string): string {
  if (pointer === '') return '(file)'
  return pointer.slice(1).split('/').map((part, index) => {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~')
    if (/^[0-9]+$/.test(key)) return `[${key}]`
    return index === 0 ? key : `.${key}`
  }).join('')
}

/** Checks a parsed file against its schema and returns one issue per failing field. */
export function schemaIssues (file: string, schema: TSchema, value: unknown): ContentIssue[] {
  const issues: ContentIssue[] = []
  for (const error of Value.Errors(schema, value)) {
    // Typebox reports an unknown property twice (once per property, once for the object): keep the one that names it.
    if (error.keyword === 'boolean') continue
    const params = error.params as { requiredProperties?: string[], additionalProperties?: string[], allowedValues?: unknown[] }
    if (params.requiredProperties !== undefined) {
      for (const name of params.requiredProperties) {
        issues.push({ file, field: fieldFromPointer(`${error.instancePath}/${name}`), message: 'is required' })
      }
    } else if (params.additionalProperties !== undefined) {
      for (const name of params.additionalProperties) {
        issues.push({ file, field: fieldFromPointer(`${error.instancePath}/${name}`), message: 'is not a known field' })
      }
    } else if (params.allowedValues !== undefined) {
      issues.push({ file, field: fieldFromPointer(error.instancePath), message: `must be one of ${params.allowedValues.join(', ')}` })
    } else {
      issues.push({ file, field: fieldFromPointer(error.instancePath), message: error.message })
    }
  }
  return issues
}
