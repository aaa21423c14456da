/** What the limiter decided for one request, and what the RateLimit headers say about it. */
export interface RateLimitDecision {
  allowed: boolean
  limit: number
  remaining: number
  /** Seconds until the window ends and the quota is full again. */
  resetSeconds: number
}

export interface RateLimiterOptions {
  /** Requests per window per client; 0 turns the limiter off. */
  max: number
  windowSeconds: number
  /** Injectable clock, in milliseconds (tests). */
  now?: () => number
}

/**
 * A fixed-window counter per client address. Fixed windows are the cheapest honest limiter (one
 * map lookup per request) and their one weakness, a burst of twice the quota across a window
 * boundary, does not matter for a limit this generous: it is there against floods, not against
 * the many people behind one Tor exit or one privacy site's server.
 */
export class RateLimiter {
  readonly enabled: boolean
  readonly policyHeader: string
  private readonly windowMs: number
  private readonly now: () => number
  private readonly windows = new Map<string, { count: number, resetAt: number }>()
  private nextSweep = 0

  constructor (private readonly options: RateLimiterOptions) {
    this.enabled = options.max > 0
    this.windowMs = options.windowSeconds * 1000
    this.now = options.now ?? Date.now
    // draft-ietf-httpapi-ratelimit-headers: the policy is named, with its quota and window.
    this.policyHeader = `"per-address";q=${options.max};w=${options.windowSeconds}`
  }

  /** Counts one request from `client` and says whether it may go on. */
  take (client: string): RateLimitDecision {
    const now = this.now()
    if (now >= this.nextSweep) this.sweep(now)
    let window = this.windows.get(client)
    if (window === undefined || now >= window.resetAt) {
      window = { count: 0, resetAt: now + this.windowMs }
      this.windows.set(client, window)
    }
    window.count++
    return {
      allowed: window.count <= this.options.max,
      limit: this.options.max,
      remaining: Math.max(0, this.options.max - window.count),
      resetSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000))
    }
  }

  /** The value of the `RateLimit` header for a decision. */
  static header (decision: RateLimitDecision): string {
    return `"per-address";r=${decision.remaining};t=${decision.resetSeconds}`
  }

  /** Number of clients with a live window (tests, and a bound on memory). */
  get clients (): number {
    return this.windows.size
  }

  // Ended windows are dropped once per window, so memory follows the clients of the last minute.
  private sweep (now: number): void {
    for (const [client, window] of this.windows) {
      if (now >= window.resetAt) this.windows.delete(client)
    }
    this.nextSweep = now + this.windowMs
  }
}
