import Type, { type Static, type TSchema } from 'typebox'

/** Small shared schemas. Models carry an `$id`, become OpenAPI components and are used through `ref`. */

export const Problem = Type.Object({
  type: Type.String({ description: 'A URI reference naming the kind of problem', examples: ['/problems/not-found'] }),
  title: Type.String({ description: 'A short summary of the kind of problem' }),
  status: Type.Integer({ minimum: 400, maximum: 599 }),
  detail: Type.String({ description: 'What went wrong with this request, in plain words' }),
  instance: Type.String({ description: 'The path of the request that failed' }),
  requestId: Type.Optional(Type.String({ description: 'The id this request was logged under' })),
  errors: Type.Optional(Type.Array(Type.Object({
    in: Type.Enum(['path', 'query', 'header', 'body'], { description: 'Where the failing value was' }),
    field: Type.String({ description: 'The failing field, as a JSON pointer into that part of the request' }),
    message: Type.String()
  }, { additionalProperties: false }), { description: 'One entry per failing field of a request that failed validation' })),
  allowedMethods: Type.Optional(Type.Array(Type.String(), { description: 'With 405: the methods this path answers' }))
}, {
  $id: 'Problem',
  description: 'An RFC 9457 problem details object; every error of this API has this shape',
  additionalProperties: false
})
export type Problem = Static<typeof Problem>

export const Translation = Type.Object({
  requested: Type.String({ description: 'The language the client asked for (primary subtag), or en when it asked nothing', examples: ['ru'] }),
  served: Type.Enum(['en', 'ru'], { description: 'The language of the localised fields' }),
  complete: Type.Boolean({ description: 'True when every localised field is in the requested language' }),
  fallbackFields: Type.Array(Type.String(), { description: 'Localised fields that fell back to English' })
}, { $id: 'Translation', additionalProperties: false })

export const Source = Type.Object({
  url: Type.String({ format: 'uri' }),
  title: Type.String()
}, { $id: 'Source', additionalProperties: false, description: 'A public page a fact rests on' })

export const Release = Type.Object({
  version: Type.String({ description: 'The content release: newest review date and content hash prefix', examples: ['2026-11-27.3fa9c1d2'] }),
  contentHash: Type.String({ description: 'sha256 of every content file', pattern: '^[0-9a-f]{64}$' }),
  builtAt: Type.String({ format: 'date-time' })
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

export function problemResponse (description: string): { description: string, content: { 'application/problem+json': { schema: TSchema } } } {
  return { description, content: { 'application/problem+json': { schema: ref(Problem) } } }
}

export const commonModels: TSchema[] = [Problem, Translation, Source, Release]

const RESPONSE_HEADERS = {
  etag: { ETag: Type.String({ description: 'Strong validator of this representation; send it back in If-None-Match' }) },
  cacheControl: { 'Cache-Control': Type.String({ description: 'public, max-age=300, stale-while-revalidate=86400' }) },
  language: { 'Content-Language': Type.Enum(['en', 'ru'], { description: 'The language of the localised fields' }) },
  link: { Link: Type.String({ description: 'RFC 8288 link to the next page (rel="next"), when there is one' }) }
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
