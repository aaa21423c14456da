import fc from 'fast-check'
import { anyJson, hostileText, mutated, schemaArbitrary, type JsonSchema, type SchemaContext } from './schema-arbitrary.js'

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: JsonSchema
}

interface Operation {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}

/** The parts of openapi.yaml requests are made from. */
export interface OpenApiRequests {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, JsonSchema> }
}

/** A request for `app.inject`. */
export interface FuzzRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'
  url: string
  headers: Record<string, string>
  payload?: string
  remoteAddress: string
}

const UNRESERVED = /[A-Za-z0-9\-._~]/

/** Percent-encodes the UTF-8 bytes of a text (lone surrogates become U+FFFD, as a browser sends them). */
export function percentEncode (text: string): string {
  let encoded = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const character = String.fromCharCode(byte)
    encoded += byte < 0x80 && UNRESERVED.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return encoded
}

/** Bytes that are not a valid percent-encoding of UTF-8, or that mean something in a URL. */
const rawUrlJunk = fc.constantFrom('%', '%Z', '%ZZ', '%FF', '%C0%80', '%E0%A4%A', '%00', '%2F', '+', '&', '=', ';', '..', '%2e%2e', '[]')

const METHODS_NOBODY_DECLARED: Array<FuzzRequest['method']> = ['DELETE', 'PUT', 'PATCH', 'POST', 'OPTIONS']

const ACCEPT = fc.constantFrom('application/json', 'text/markdown', 'text/markdown;q=0.9, application/json;q=0.1', '*/*', 'text/*',
  'image/png', 'application/problem+json', 'text/html,application/xhtml+xml', ';;;', 'application/json;q=0', 'text/markdown;q=abc', '')
const ACCEPT_LANGUAGE = fc.constantFrom('ru', 'en', 'de', 'ru-RU,ru;q=0.9,en;q=0.8', '*', 'zz', 'ru;q=0', 'x'.repeat(300), ',,,', 'en;q=NaN', '')
const IF_NONE_MATCH = fc.constantFrom('*', '"x"', 'W/"x"', '', '"unterminated', '"a", "b"')
const OTHER_CONTENT_TYPES = fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/vnd.api+json', 'APPLICATION/JSON', 'application/jsonx', '*/*', 'nonsense')
const CONTENT_TYPE = fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: OTHER_CONTENT_TYPES })

const headersArbitrary: fc.Arbitrary<Record<string, string>> = fc.record({
  accept: ACCEPT,
  'accept-language': ACCEPT_LANGUAGE,
  'if-none-match': IF_NONE_MATCH,
  origin: fc.constant('https://privacy.example')
}, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>

/** JSON text a server must refuse well: broken, far too large, or nested past any sane depth. */
function brokenJson (valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(valid, fc.nat()).map(([value, cut]) => {
      const text = JSON.stringify(value) ?? 'null'
      return text.slice(0, cut % Math.max(text.length, 1))
    }),
    fc.constantFrom('', ' ', '{', '{"a":', '[1,]', '{"a":1}}', 'NaN', "{'a':1}", '\u0000', '{"qubes":[{"name":"\ud800"}]}'),
    fc.constant(JSON.stringify({ qubes: [{ name: 'sys-net', class: 'AppVM', label: 'red', purpose: 'x'.repeat(70 * 1024) }] })),
    fc.integer({ min: 1000, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`)
  )
}

function validBody (schema: JsonSchema | undefined, context: SchemaContext): fc.Arbitrary<{ payload: string, contentType: string }> {
  const valid = schema === undefined ? anyJson : schemaArbitrary(schema, context)
  return fc.record({ payload: valid.map((value) => JSON.stringify(value) ?? 'null'), contentType: fc.constant('application/json') })
}

function bodyArbitrary (schema: JsonSchema | undefined, context: SchemaContext): fc.Arbitrary<{ payload: string, contentType: string }> {
  const valid = schema === undefined ? anyJson : schemaArbitrary(schema, context)
  const text = fc.oneof(
    { weight: 4, arbitrary: valid.map((value) => JSON.stringify(value)) },
    { weight: 3, arbitrary: mutated(valid).map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 2, arbitrary: brokenJson(valid) }
  )
  return fc.record({ payload: text, contentType: CONTENT_TYPE })
}

/** A value for a path or query parameter: valid by its schema or a known id, or (when hostile) anything at all. */
function parameterText (parameter: Parameter, context: SchemaContext, hostile: boolean): fc.Arbitrary<string> {
  const valid = schemaArbitrary(parameter.schema, context, parameter.name).map((value) => percentEncode(String(value)))
  if (!hostile) return valid
  return fc.oneof(
    { weight: 5, arbitrary: valid },
    { weight: 4, arbitrary: hostileText.map(percentEncode) },
    { weight: 1, arbitrary: fc.tuple(hostileText, rawUrlJunk).map(([text, junk]) => `${percentEncode(text)}${junk}`) }
  )
}

function queryArbitrary (parameters: Parameter[], context: SchemaContext, hostile: boolean): fc.Arbitrary<string> {
  const declared = fc.tuple(...parameters.map((parameter) => fc.option(parameterText(parameter, context, hostile).map((value) => `${parameter.name}=${value}`),
    { freq: parameter.required === true ? 10 : 2, nil: undefined })))
  if (!hostile) return declared.map((values) => values.filter((part) => part !== undefined).join('&'))
  const unknown = fc.option(fc.tuple(fc.constantFrom('unknown', 'LANG', 'lang[]', '__proto__', 'constructor', ''), hostileText)
    .map(([name, value]) => `${name}=${percentEncode(value)}`), { freq: 6, nil: undefined })
  // The same parameter twice reaches the schema as an array.
  const repeated = parameters.length === 0
    ? fc.constant(undefined)
    : fc.option(fc.constantFrom(...parameters).map((parameter) => `${parameter.name}=x`), { freq: 10, nil: undefined })
  return fc.tuple(declared, unknown, repeated, fc.option(rawUrlJunk, { freq: 15, nil: undefined }))
    .map(([values, extra, again, junk]) => [...values, extra, again, junk].filter((part) => part !== undefined).join('&'))
}

/**
 * Requests for one operation. Valid ones use the declared method, schema-valid values and a
 * valid body, so that the code behind validation runs too; hostile ones may be wrong anywhere.
 */
function operationRequests (template: string, method: string, operation: Operation, context: SchemaContext, hostile: boolean): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? []
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path')
  const path = fc.tuple(...pathParameters.map((parameter) => parameterText(parameter, context, hostile))).map((values) =>
    pathParameters.reduce((url, parameter, index) => url.replace(`{${parameter.name}}`, values[index] ?? ''), template))
  const declaredMethod = method.toUpperCase() as FuzzRequest['method']
  const bodySchema = operation.requestBody?.content['application/json']?.schema
  // Now and then a path next to the real one: an unknown route, or a trailing slash.
  const suffix = hostile ? fc.oneof({ weight: 12, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('/', '/x', '.json', '.md', '%2F..', '//') }) : fc.constant('')
  const methods = hostile
    ? fc.oneof(
      { weight: 12, arbitrary: fc.constant(declaredMethod) },
      { weight: 2, arbitrary: fc.constant<FuzzRequest['method']>(declaredMethod === 'GET' ? 'HEAD' : 'GET') },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS_NOBODY_DECLARED) })
    : fc.constant(declaredMethod)
  return fc.record({
    method: methods,
    path,
    suffix,
    query: queryArbitrary(parameters.filter((parameter) => parameter.in === 'query'), context, hostile),
    headers: hostile ? headersArbitrary : fc.constant({}),
    body: hostile ? bodyArbitrary(bodySchema, context) : validBody(bodySchema, context),
    remoteAddress: fc.ipV4()
  }).map(({ method, path, suffix, query, headers, body, remoteAddress }) => {
    const url = `${path}${suffix}${query === '' ? '' : `?${query}`}`
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return { method, url, headers, remoteAddress }
    return { method, url, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload, remoteAddress }
  })
}

/** Requests for every operation of the document, each operation equally likely, two in five of them valid. */
export function requestsFor (document: OpenApiRequests, known: SchemaContext['known']): fc.Arbitrary<FuzzRequest> {
  const context: SchemaContext = {
    known,
    resolve: (ref) => {
      const schema = document.components.schemas[ref.replace('#/components/schemas/', '')]
      if (schema === undefined) throw new Error(`openapi.yaml has no ${ref}`)
      return schema
    }
  }
  const operations = Object.entries(document.paths).flatMap(([template, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => fc.oneof(
      { weight: 2, arbitrary: operationRequests(template, method, operation, context, false) },
      { weight: 3, arbitrary: operationRequests(template, method, operation, context, true) })))
  return fc.oneof(...operations)
}
