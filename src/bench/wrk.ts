import type { LoadResult } from './load.js'

export interface WrkRequests {
  method: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
  /** Paths to cycle through, request by request (default: the URL's own path). */
  paths?: string[]
  /** Every request gets a query of its own: prefix + one of the (already encoded) words + a counter. */
  distinct?: { prefix: string, words: string[] }
}

/** A Lua string literal: every byte escaped, so no query, body or header can break the script. */
function luaString (value: string): string {
  return `"${[...Buffer.from(value, 'utf8')].map((byte) => `\\${byte}`).join('')}"`
}

/** The wrk script that sends the requests of one endpoint: method, body, headers and the path of each request. */
export function wrkScript (requests: WrkRequests): string {
  const lines = [
    `wrk.method = ${luaString(requests.method)}`,
    ...(requests.body === undefined ? [] : [`wrk.body = ${luaString(requests.body)}`]),
    ...Object.entries(requests.headers ?? {}).map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`),
    'local counter = 0'
  ]
  if (requests.distinct !== undefined) {
    lines.push(
      `local words = { ${requests.distinct.words.map(luaString).join(', ')} }`,
      'request = function()',
      '  counter = counter + 1',
      `  return wrk.format(nil, ${luaString(requests.distinct.prefix)} .. words[(counter % #words) + 1] .. "%20w" .. counter)`,
      'end'
    )
  } else if (requests.paths !== undefined && requests.paths.length > 0) {
    lines.push(
      `local paths = { ${requests.paths.map(luaString).join(', ')} }`,
      'request = function()',
      '  counter = counter + 1',
      '  return wrk.format(nil, paths[(counter % #paths) + 1])',
      'end'
    )
  }
  return `${lines.join('\n')}\n`
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }

function milliseconds (text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text)
  if (match === null) throw new Error(`wrk: cannot read the latency "${text}"`)
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1) * 1000) / 1000
}

function numberAfter (report: string, pattern: RegExp, label: string, fallback?: number): number {
  const match = pattern.exec(report)
  if (match === null) {
    if (fallback !== undefined) return fallback
    throw new Error(`wrk: the report has no ${label}:\n${report}`)
  }
  return Number(match[1])
}

/**
 * Reads what `wrk --latency` prints. wrk counts only non-2xx-or-3xx answers, so a 304 is a success
 * here as it is in the autocannon reading.
 */
export function parseWrkReport (report: string): LoadResult {
  const latency = (percent: number): number => {
    // wrk pads a latency in seconds with a trailing space ("1.38s ").
    const match = new RegExp(`^\\s+${percent}%\\s+(\\S+)\\s*$`, 'm').exec(report)
    if (match === null) throw new Error(`wrk: the report has no ${percent}% latency:\n${report}`)
    return milliseconds(match[1] ?? '')
  }
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report)
  return {
    requestsPerSecond: numberAfter(report, /^Requests\/sec:\s+([\d.]+)$/m, 'Requests/sec'),
    p50: latency(50),
    p99: latency(99),
    errors: socketErrors === null ? 0 : socketErrors.slice(1).reduce((sum, count) => sum + Number(count), 0),
    non2xx: numberAfter(report, /^\s+Non-2xx or 3xx responses: (\d+)$/m, 'Non-2xx count', 0)
  }
}
