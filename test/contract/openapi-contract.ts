import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import { parse as parseYaml } from 'yaml'

/** One request and the answer the app gave, as a client saw it. */
export interface Exchange {
  method: string
  /** Path and query string, as sent. */
  url: string
  status: number
  headers: Record<string, string | string[] | number | undefined>
  body: string
}

interface ResponseObject {
  /** Set when the response is one of `components.responses`. */
  $ref?: string
  headers?: Record<string, { schema?: unknown, $ref?: string }>
  content?: Record<string, { schema?: unknown }>
}

interface OperationObject {
  operationId?: string
  responses: Record<string, ResponseObject>
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>
  components?: { responses?: Record<string, ResponseObject> }
}

interface OperationMatch {
  template: string
  method: string
  operation: OperationObject
}

/** ajv needs a base URI to resolve `#/components/...` against; any stable one will do. */
const DOCUMENT_ID = 'https://contract.test/openapi.yaml'
const PROBLEM_JSON = 'application/problem+json'

/**
 * Paths whose answers are not the API's and so are not in the document: the document itself and
 * its interactive viewer, and the MCP endpoint, whose messages are JSON-RPC as the MCP
 * specification defines them. Their problem+json answers are still checked against Problem.
 */
const OUTSIDE_THE_DOCUMENT = [/^\/docs(\/|$)/, /^\/openapi\.(json|yaml)$/, /^\/mcp$/]

/**
 * A request that matches no operation (an unknown path, a wrong method, a URL that cannot be
 * decoded, or one refused before routing) can only be an error, in the document's Problem shape.
 */
const ROUTELESS_STATUSES = new Set([400, 404, 405, 413, 414, 415, 429, 503])

/** RFC 6901 escaping, then percent-encoding, as a URI fragment needs (`{slug}` has braces). */
function pointer (...parts: string[]): string {
  return `${DOCUMENT_ID}#/${parts.map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`
}

function mediaTypeOf (headers: Exchange['headers']): string | undefined {
  const value = headers['content-type']
  if (typeof value !== 'string') return undefined
  return value.split(';')[0]?.trim().toLowerCase()
}

function isJson (mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json')
}

function describeErrors (errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).slice(0, 5).map((error) => `${error.instancePath === '' ? '(root)' : error.instancePath} ${error.message ?? 'is invalid'}` +
    (error.params.additionalProperty === undefined ? '' : ` (${String(error.params.additionalProperty)})`)).join('; ')
}

/**
 * The committed openapi.yaml as a checker of answers: which operation a request reaches (routed
 * the way the server routes, with find-my-way), whether its status is documented, whether the
 * media type is one the document lists for that status, and whether the body and the documented
 * headers match their schemas. Validators are compiled on first use and kept.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true })
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 1_000_000 })

  constructor (private readonly document: OpenApiDocument) {
    addFormats.default(this.ajv)
    this.ajv.addSchema(document as object, DOCUMENT_ID)
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const match: OperationMatch = { template, method, operation }
        this.router.on(method.toUpperCase() as HTTPMethod, template.replace(/\{([^}]+)\}/g, ':$1'), () => {}, match)
      }
    }
  }

  static load (path: string): OpenApiContract {
    return new OpenApiContract(parseYaml(readFileSync(path, 'utf8')) as OpenApiDocument)
  }

  /** What is wrong with an answer, one line per problem; none when the document describes it. */
  violations (exchange: Exchange): string[] {
    const path = exchange.url.split('?')[0] ?? '/'
    const mediaType = mediaTypeOf(exchange.headers)
    const problems = mediaType === PROBLEM_JSON && exchange.method !== 'HEAD' ? this.problemViolations(exchange) : []
    if (OUTSIDE_THE_DOCUMENT.some((pattern) => pattern.test(path))) return problems
    // CORS preflights are answered by the Fetch protocol's rules, which OpenAPI does not describe.
    if (exchange.method === 'OPTIONS' && exchange.status === 204) return problems
    const match = this.operationFor(exchange.method, path)
    if (match === undefined) {
      if (!ROUTELESS_STATUSES.has(exchange.status)) problems.push(`no operation answers ${exchange.method} ${path}, yet the status is ${exchange.status}`)
      if (mediaType !== PROBLEM_JSON) problems.push(`no operation answers ${exchange.method} ${path}, yet the answer is ${mediaType ?? 'without a media type'}, not ${PROBLEM_JSON}`)
      return problems
    }
    return [...problems, ...this.operationViolations(exchange, match, mediaType)]
  }

  private operationFor (method: string, path: string): OperationMatch | undefined {
    // Fastify answers HEAD for every GET route with the GET's status and headers.
    const routedMethod = method === 'HEAD' ? 'GET' : method
    const found = this.router.find(routedMethod as HTTPMethod, path)
    return found === null ? undefined : found.store as OperationMatch
  }

  private problemViolations (exchange: Exchange): string[] {
    const validate = this.validator(pointer('components', 'schemas', 'Problem'))
    let body: unknown
    try {
      body = JSON.parse(exchange.body)
    } catch {
      return [`the ${PROBLEM_JSON} body is not JSON`]
    }
    if (!validate(body)) return [`the problem does not match Problem: ${describeErrors(validate.errors)}`]
    const status = (body as { status?: unknown }).status
    return status === exchange.status ? [] : [`the problem says status ${String(status)}, the answer is ${exchange.status}`]
  }

  private operationViolations (exchange: Exchange, match: OperationMatch, mediaType: string | undefined): string[] {
    const name = match.operation.operationId ?? `${match.method} ${match.template}`
    const status = String(exchange.status)
    const found = this.documentedResponse(match, status)
    if (found === undefined) {
      return [`status ${status} is not documented for ${name} (documented: ${Object.keys(match.operation.responses).join(', ')})`]
    }
    const { documented, base } = found
    const problems = this.headerViolations(exchange, documented, base)
    if (documented.content === undefined) {
      if (exchange.body !== '') problems.push(`${name} documents no body for ${status}, yet one came (${mediaType ?? 'no media type'})`)
      return problems
    }
    const mediaTypes = Object.keys(documented.content)
    if (mediaType === undefined || !mediaTypes.includes(mediaType)) {
      problems.push(`${name} answers ${status} as ${mediaTypes.join(' or ')}, not ${mediaType ?? 'without a media type'}`)
      return problems
    }
    if (exchange.method === 'HEAD' || documented.content[mediaType]?.schema === undefined) return problems
    const validate = this.validator(pointer(...base, 'content', mediaType, 'schema'))
    let body: unknown = exchange.body
    if (isJson(mediaType)) {
      try {
        body = JSON.parse(exchange.body)
      } catch {
        return [...problems, `${name} ${status} ${mediaType} body is not JSON`]
      }
    }
    if (!validate(body)) problems.push(`${name} ${status} ${mediaType} body does not match its schema: ${describeErrors(validate.errors)}`)
    return problems
  }

  /** The response an operation documents for a status, and where it is in the document (its own, or a shared one). */
  private documentedResponse (match: OperationMatch, status: string): { documented: ResponseObject, base: string[] } | undefined {
    const documented = match.operation.responses[status]
    if (documented?.$ref === undefined) return documented === undefined ? undefined : { documented, base: ['paths', match.template, match.method, 'responses', status] }
    const name = documented.$ref.replace('#/components/responses/', '')
    const shared = this.document.components?.responses?.[name]
    if (shared === undefined) throw new Error(`openapi.yaml has no ${documented.$ref}`)
    return { documented: shared, base: ['components', 'responses', name] }
  }

  /** Documented headers are optional, but one that is sent must match its schema. */
  private headerViolations (exchange: Exchange, documented: ResponseObject, base: string[]): string[] {
    const problems: string[] = []
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = exchange.headers[name.toLowerCase()]
      // Headers every answer shares are referred to in components.headers.
      const schemaRef = header.$ref === undefined ? pointer(...base, 'headers', name, 'schema') : `${DOCUMENT_ID}${header.$ref}/schema`
      if (value === undefined || (header.schema === undefined && header.$ref === undefined)) continue
      const validate = this.validator(schemaRef)
      const text = String(value)
      // Header values are text on the wire; an integer schema describes the number the text spells.
      const candidates: unknown[] = /^-?\d+$/.test(text) ? [text, Number(text)] : [text]
      if (!candidates.some((candidate) => validate(candidate))) {
        problems.push(`header ${name}: ${JSON.stringify(text)} does not match its schema: ${describeErrors(validate.errors)}`)
      }
    }
    return problems
  }

  private validator (ref: string): ValidateFunction {
    const validate = this.ajv.getSchema(ref)
    if (validate === undefined) throw new Error(`openapi.yaml has no schema at ${ref}`)
    return validate
  }
}

let shared: OpenApiContract | undefined

/** The committed openapi.yaml, loaded once per test process. */
export function committedContract (): OpenApiContract {
  shared ??= OpenApiContract.load(join(import.meta.dirname, '..', '..', 'openapi.yaml'))
  return shared
}
