import autocannon from 'autocannon'

export interface LoadOptions {
  url: string
  connections: number
  /** Seconds per measurement; ignored when amount is set. */
  duration: number
  /** A fixed number of requests instead of a duration (used by the smoke run). */
  amount?: number
  method?: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
  /** Paths to cycle through, request by request. */
  paths?: string[]
  /** Give each request a query of its own (nothing can come from a cache). */
  distinct?: boolean
}

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

const DISTINCT_WORDS = ['qube', 'template', 'disposable', 'firewall', 'vpn', 'tor', 'vault', 'usb', 'gpg', 'clipboard', 'файл', 'шаблон', 'кьюб', 'сеть']

function requestsFor (options: LoadOptions): { requests?: autocannon.Request[] } {
  if (options.distinct === true) {
    let counter = 0
    return {
      requests: [{
        setupRequest: (request) => {
          counter++
          const word = DISTINCT_WORDS[counter % DISTINCT_WORDS.length] ?? 'qube'
          return { ...request, path: `/v1/search?q=${encodeURIComponent(`${word} w${counter}`)}` }
        }
      }]
    }
  }
  if (options.paths !== undefined) return { requests: options.paths.map((path) => ({ path })) }
  return {}
}

/** One autocannon measurement on loopback; latencies in milliseconds. */
export async function measure (options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.duration } : { amount: options.amount }),
    method: options.method ?? 'GET',
    body: options.body,
    headers: options.headers,
    timeout: 10,
    ...requestsFor(options)
  })
  // 304 answers count as successes for the revalidation endpoint.
  const notModified = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats?.['304']?.count ?? 0
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx - notModified
  }
}
