import autocannon from 'autocannon'
import { distinctSearchPath, type SoakRequest } from './request-mix.js'

export interface MixedLoadOptions {
  url: string
  connections: number
  /** Seconds of load; ignored when amount is set. */
  seconds: number
  /** A fixed number of requests instead. */
  amount?: number
  requests: SoakRequest[]
  /** Seconds without an answer after which a request counts as timed out. */
  timeoutSeconds?: number
}

export interface MixedLoadResult {
  /** Per request kind, in the order given: answers by status. */
  statuses: Array<Record<string, number>>
  errors: number
  timeouts: number
  latency: { p50: number, p99: number }
}

let distinctCounter = 0

/**
 * Loads the server with autocannon, each connection going round the request kinds in turn, and
 * counts every answer's status per kind (autocannon only counts them per status).
 */
export async function runMixedLoad (options: MixedLoadOptions): Promise<MixedLoadResult> {
  const statuses = options.requests.map(() => ({}) as Record<string, number>)
  const requests: autocannon.Request[] = options.requests.map((request, index) => ({
    method: request.method,
    path: request.path,
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.distinct === true ? { setupRequest: (raw: autocannon.Request) => ({ ...raw, path: distinctSearchPath(++distinctCounter) }) } : {}),
    onResponse: (status: number) => {
      const counts = statuses[index] as Record<string, number>
      counts[status] = (counts[status] ?? 0) + 1
    }
  }))
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.seconds } : { amount: options.amount }),
    timeout: options.timeoutSeconds ?? 10,
    requests
  })
  return {
    statuses,
    // autocannon counts timeouts among the errors.
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    latency: { p50: result.latency.p50, p99: result.latency.p99 }
  }
}
