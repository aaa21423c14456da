export interface CachedRepresentation {
  payload: Buffer
  etag: string
  /** The representation's own headers (type, language, Vary, ETag…), replayed by the Fastify path. */
  headers: Array<[string, string]>
  /**
   * Every header of the first answer that does not change from request to request (the
   * representation's, plus security and CORS headers), flat as `writeHead` takes them: the fast
   * path answers with these and adds only the request id, rate limit and length.
   */
  allHeaders: string[]
  /** The same for a 304: without the body's type and length. */
  notModifiedHeaders: string[]
}

/** Where a representation is looked up: one region of the cache, or the answer cache as a whole. */
export interface RepresentationLookup {
  get: (key: string) => CachedRepresentation | undefined
}

/**
 * Serialised answers by representation key, bounded by bytes: when full, the oldest entries go.
 * The bound keeps a client that sends endless distinct URLs (search queries) from growing memory.
 */
export class RepresentationCache implements RepresentationLookup {
  private readonly entries = new Map<string, CachedRepresentation & { size: number }>()
  private bytes = 0

  constructor (private readonly maxBytes: number) {}

  get size (): number {
    return this.entries.size
  }

  get (key: string): CachedRepresentation | undefined {
    return this.entries.get(key)
  }

  set (key: string, value: CachedRepresentation): void {
    const headerBytes = value.allHeaders.reduce((sum, part) => sum + part.length, 0)
    const size = key.length + value.payload.length + 2 * headerBytes + 256
    if (size > this.maxBytes) return
    this.delete(key)
    while (this.bytes + size > this.maxBytes) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.delete(oldest)
    }
    this.entries.set(key, { ...value, size })
    this.bytes += size
  }

  private delete (key: string): void {
    const entry = this.entries.get(key)
    if (entry === undefined) return
    this.entries.delete(key)
    this.bytes -= entry.size
  }
}

/**
 * What keys an answer, which decides where it is kept: `content` (topics, layouts and their
 * exports, threat models) is a set the release fixes, and `query` (search, context, suggestions,
 * checks) is as large as what clients can spell.
 */
export type AnswerKind = 'content' | 'query'

/**
 * Every answer kept in memory, in two regions that share the bound equally. The content of the
 * whole guide, in every language and representation, takes about 2 MiB, so it fits in its half
 * and stays there: a flood of distinct queries (a crawler, an attack) evicts only the answers to
 * other queries, and the answers that are the same for everyone keep coming from memory. With
 * one region, each new query pushed out the oldest entry, which was the content.
 */
export class AnswerCache implements RepresentationLookup {
  readonly content: RepresentationCache
  readonly queries: RepresentationCache

  constructor (maxBytes: number) {
    this.content = new RepresentationCache(Math.floor(maxBytes / 2))
    this.queries = new RepresentationCache(Math.floor(maxBytes / 2))
  }

  get (key: string): CachedRepresentation | undefined {
    return this.content.get(key) ?? this.queries.get(key)
  }

  set (key: string, value: CachedRepresentation, kind: AnswerKind): void {
    (kind === 'content' ? this.content : this.queries).set(key, value)
  }
}
