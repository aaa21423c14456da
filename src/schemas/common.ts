import Type, { type Static, type TSchema } from 'typebox'
import { ContentHash, Int, LIMITS, Link, List, ReleaseVersion, Text, Title } from './bounds.js'

/** A problem's detail, or one error's message: a 400 may list every valid value of a field. */
const PROBLEM_TEXT_MAX = 100_000
/** A JSON pointer into a request: no longer than the largest body (64 KiB). */
const POINTER_MAX = 65_536
/** A Markdown document of one topic, practice or layout, with its sources and front matter. */
export const MARKDOWN_DOCUMENT_MAX = 200_000

/** Small shared schemas. Models carry an `$id`, become OpenAPI components and are used through `ref`. */

export const Problem = Type.Object({
  type: Link({ description: 'A URI reference naming the kind of problem', examples: ['/problems/not-found'] }),
  title: Title({ description: 'A short summary of the kind of problem' }),
  status: Int(400, 599),
  detail: Text(PROBLEM_TEXT_MAX, { description: 'What went wrong with this request, in plain words' }),
  instance: Link({ description: 'The path of the request that failed (cut at 2048 characters)' }),
  requestId: Type.Optional(Text(64, { description: 'The id this request was logged under' })),
  errors: Type.Optional(List(Type.Object({
    in: Type.Enum(['path', 'query', 'header', 'body'], { description: 'Where the failing value was' }),
    field: Text(POINTER_MAX, { description: 'The failing field, as a JSON pointer into that part of the request' }),
    message: Text(PROBLEM_TEXT_MAX)
  }, { additionalProperties: false }), LIMITS.collection, { description: 'One entry per failing field of a request that failed validation' })),
  allowedMethods: Type.Optional(List(Text(16), 16, { description: 'With 405: the methods this path answers' }))
}, {
  $id: 'Problem',
  description: 'An RFC 9457 problem details object; every error of this API has this shape',
  additionalProperties: false
})
export type Problem = Static<typeof Problem>

export const Translation = Type.Object({
  requested: Text(35, { description: 'The language the client asked for (primary subtag), or en when it asked nothing', examples: ['ru'] }),
  served: Type.Enum(['en', 'ru'], { description: 'The language of the localised fields' }),
  complete: Type.Boolean({ description: 'True when every localised field is in the requested language' }),
  fallbackFields: List(Text(LIMITS.id), LIMITS.list, { description: 'Localised fields that fell back to English' })
}, { $id: 'Translation', additionalProperties: false })

export const Source = Type.Object({
  url: Text(LIMITS.url, { format: 'uri' }),
  title: Title()
}, { $id: 'Source', additionalProperties: false, description: 'A public page a fact rests on' })

export const Release = Type.Object({
  version: ReleaseVersion({ description: 'The content release: newest review date and content hash prefix', examples: ['2026-11-27.3fa9c1d2'] }),
  contentHash: ContentHash({ description: 'sha256 of every content file' }),
  builtAt: Text(40, { format: 'date-time' })
}, { $id: 'Release', additionalProperties: false })

export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100, description: 'A permanent, lowercase kebab-case id' })

export const LanguageQuery = Type.String({
  pattern: '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$',
  maxLength: 35,
  description: 'The response language (BCP 47); overrides Accept-Language. en and ru are served; other languages fall back to English.'
})

/** A `$ref` to a registered model that keeps its static type (a bare Type.Ref is `unknown` in typebox 1.x). */
export function ref<T extends TSchema> (schema: T): T {
  const id = (schema as { $id?: unknown }).$id
  if (typeof id !== 'string') throw new Error('ref() needs a schema with an $id')
  return Type.Unsafe<Static<T>>(Type.Ref(id)) as unknown as T
}

export interface ProblemResponse {
  description: string
  headers?: Record<string, TSchema>
  content: { 'application/problem+json': { schema: TSchema } }
}

export function problemResponse (description: string, headers?: Record<string, TSchema>): ProblemResponse {
  return { description, ...(headers === undefined ? {} : { headers }), content: { 'application/problem+json': { schema: ref(Problem) } } }
}

const RETRY_AFTER = { 'Retry-After': Int(0, 86_400, { description: 'Seconds to wait before trying again' }) }

/**
 * Problems that any operation may answer with, whatever its route does: the URL-length bound, the
 * rate limit, a crash and overload or shutdown come from the app around the routes. The
 * problem-details plugin adds these to every documented route, so they are written once, here.
 */
export const COMMON_PROBLEM_RESPONSES = {
  414: problemResponse('The URL is longer than this server accepts'),
  429: problemResponse('This address has sent more requests than the limit allows in the current window; try again after Retry-After seconds', {
    ...RETRY_AFTER,
    RateLimit: Text(64, { description: 'What is left of the quota and when the window ends (draft-ietf-httpapi-ratelimit-headers), as "per-address";r=<remaining>;t=<seconds>' }),
    'RateLimit-Policy': Text(64, { description: 'The quota and window of the limit, as "per-address";q=<requests>;w=<seconds>' })
  }),
  500: problemResponse('The server failed to answer; the detail gives the request id to report, never the cause'),
  503: problemResponse('The server is overloaded or shutting down; try again after Retry-After seconds, when it is given', RETRY_AFTER)
} satisfies Record<number, ProblemResponse>

/** Problems of every operation that reads a request body, as Fastify's body parsing reports them. */
export const BODY_PROBLEM_RESPONSES = {
  400: problemResponse('The body is not JSON or does not match the schema; errors names each failing field'),
  413: problemResponse('The body is larger than 64 KiB'),
  415: problemResponse('The body is not application/json')
} satisfies Record<number, ProblemResponse>

/** Problems of every operation that validates part of the request (path, query or headers). */
export const VALIDATION_PROBLEM_RESPONSES = {
  400: problemResponse('A value in the request is invalid; errors names each failing field')
} satisfies Record<number, ProblemResponse>

/**
 * The names of the shared problems in the document's `components.responses`: each is written
 * there once, and operations refer to it, instead of thirty copies of the same 429.
 */
export const SHARED_RESPONSE_NAMES: ReadonlyMap<string, string> = new Map([
  [COMMON_PROBLEM_RESPONSES[414].description, 'UriTooLong'],
  [COMMON_PROBLEM_RESPONSES[429].description, 'TooManyRequests'],
  [COMMON_PROBLEM_RESPONSES[500].description, 'InternalError'],
  [COMMON_PROBLEM_RESPONSES[503].description, 'Unavailable'],
  [BODY_PROBLEM_RESPONSES[400].description, 'InvalidBody'],
  [BODY_PROBLEM_RESPONSES[413].description, 'ContentTooLarge'],
  [BODY_PROBLEM_RESPONSES[415].description, 'UnsupportedMediaType'],
  [VALIDATION_PROBLEM_RESPONSES[400].description, 'InvalidRequest']
])

/**
 * The documented responses of a route with the common problems added; the route's own entries
 * win, so a route can describe a status more precisely than the shared text does.
 */
export function withCommonProblemResponses (schema: { body?: unknown, querystring?: unknown, params?: unknown, headers?: unknown, response?: unknown }): Record<string, unknown> {
  const validates = schema.querystring !== undefined || schema.params !== undefined || schema.headers !== undefined
  return {
    ...COMMON_PROBLEM_RESPONSES,
    ...(validates ? VALIDATION_PROBLEM_RESPONSES : {}),
    ...(schema.body === undefined ? {} : BODY_PROBLEM_RESPONSES),
    ...(schema.response as Record<string, unknown> | undefined)
  }
}

export const commonModels: TSchema[] = [Problem, Translation, Source, Release]

const RESPONSE_HEADERS = {
  etag: { ETag: Text(64, { description: 'Strong validator of this representation; send it back in If-None-Match' }) },
  cacheControl: { 'Cache-Control': Text(128, { description: 'public, max-age=300, stale-while-revalidate=86400' }) },
  language: { 'Content-Language': Type.Enum(['en', 'ru'], { description: 'The language of the localised fields' }) },
  link: { Link: Text(2 * LIMITS.url, { description: 'RFC 8288 link to the next page (rel="next"), when there is one' }) }
}

export interface ResponseOptions {
  /** The answer depends only on the content release: it has an ETag and is publicly cacheable. */
  releaseCached?: boolean
  localised?: boolean
  paginated?: boolean
}

/** A 2xx response in the content form, so that OpenAPI gets a real description and the headers we send. */
export function contentResponse (description: string, content: Record<string, TSchema>, options: ResponseOptions = {}): {
  description: string
  headers?: Record<string, TSchema>
  content: Record<string, { schema: TSchema }>
} {
  const headers = {
    ...(options.releaseCached === true ? { ...RESPONSE_HEADERS.etag, ...RESPONSE_HEADERS.cacheControl } : {}),
    ...(options.localised === true ? RESPONSE_HEADERS.language : {}),
    ...(options.paginated === true ? RESPONSE_HEADERS.link : {})
  }
  return {
    description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: Object.fromEntries(Object.entries(content).map(([mediaType, schema]) => [mediaType, { schema }]))
  }
}

export const notModifiedResponse = {
  description: 'Not modified: the representation still has the ETag sent in If-None-Match',
  type: 'null'
} as const
