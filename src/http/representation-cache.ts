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

/**
 * Serialised answers by representation key, bounded by bytes: when full, the oldest entries go.
 * The bound keeps a client that sends endless distinct URLs (search queries) from growing memory.
 */
export class RepresentationCache {
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
