export interface CachedRepresentation {
  payload: string | Buffer
  etag: string
  headers: Array<[string, string]>
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
    const size = key.length + (typeof value.payload === 'string' ? Buffer.byteLength(value.payload) : value.payload.length) + 256
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
