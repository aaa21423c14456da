import type { RssSample } from './rss-sampler.js'

/** The criteria of issue 7 for `npm run soak`: RSS in the last 10 s within 10% of RSS after warm-up. */
export const RSS_TOLERANCE = 0.10
export const RSS_WINDOW_SECONDS = 10
/** "RSS after warm-up" is the mean of readings over its last seconds, not one reading. */
export const WARMUP_RSS_WINDOW_SECONDS = 3

export interface SoakRun {
  seconds: number
  connections: number
  warmupSeconds: number
  /** Distinct searches sent before the warm-up, to fill the answer cache. */
  fillRequests: number
  /** Per request kind: how many answers had each status, and the status every answer should have. */
  kinds: Array<{ name: string, expectStatus: number, statuses: Record<string, number> }>
  latency: { p50: number, p99: number }
  /** Connection errors other than timeouts. */
  errors: number
  timeouts: number
  /**
   * RSS readings every second, by phase ('warm-up', 'soak'); those of the last seconds of each
   * phase taken just after a full garbage collection (see src/soak/full-gc-on-signal.ts).
   */
  rss: RssSample[]
  /** What a reader of the numbers needs to know: how the server was started, how the warm-up went. */
  notes: string[]
}

export interface SoakVerdict {
  requests: number
  requestsPerSecond: number
  unexpected: Array<{ status: string, count: number, kinds: string[] }>
  expectedNotFound: number
  rssAfterWarmupKiB: number | null
  rssLastWindowKiB: number | null
  rssChange: number | null
  /** The highest reading of the soak taken without a collection first: what V8's lazy collection lets RSS reach. */
  rssPeakKiB: number | null
  failures: string[]
}

function meanKiB (samples: RssSample[]): number | null {
  if (samples.length === 0) return null
  return samples.reduce((sum, sample) => sum + sample.kib, 0) / samples.length
}

export function judgeSoak (run: SoakRun): SoakVerdict {
  const requests = run.kinds.reduce((sum, kind) => sum + Object.values(kind.statuses).reduce((a, b) => a + b, 0), 0)
  const unexpectedByStatus = new Map<string, { count: number, kinds: string[] }>()
  let expectedNotFound = 0
  for (const kind of run.kinds) {
    for (const [status, count] of Object.entries(kind.statuses)) {
      if (Number(status) === kind.expectStatus) {
        if (kind.expectStatus === 404) expectedNotFound += count
        continue
      }
      const entry = unexpectedByStatus.get(status) ?? { count: 0, kinds: [] }
      entry.count += count
      entry.kinds.push(kind.name)
      unexpectedByStatus.set(status, entry)
    }
  }
  const unexpected = [...unexpectedByStatus].map(([status, entry]) => ({ status, ...entry })).sort((a, b) => a.status.localeCompare(b.status))

  const collected = (phase: string): RssSample[] => run.rss.filter((sample) => sample.phase === phase && sample.afterFullGc)
  const rssAfterWarmupKiB = meanKiB(collected('warm-up'))
  const rssLastWindowKiB = meanKiB(collected('soak'))
  const rssChange = rssAfterWarmupKiB === null || rssLastWindowKiB === null ? null : rssLastWindowKiB / rssAfterWarmupKiB - 1
  const uncollected = run.rss.filter((sample) => sample.phase === 'soak' && !sample.afterFullGc).map((sample) => sample.kib)
  const rssPeakKiB = uncollected.length === 0 ? null : Math.max(...uncollected)

  const failures: string[] = []
  if (requests === 0) failures.push('no request was answered')
  if (run.errors > 0) failures.push(`${run.errors} connection errors`)
  if (run.timeouts > 0) failures.push(`${run.timeouts} timeouts`)
  if (unexpected.length > 0) failures.push(`${unexpected.reduce((sum, entry) => sum + entry.count, 0)} answers with an unexpected status`)
  if (rssChange === null) failures.push('RSS could not be read from /proc')
  else if (Math.abs(rssChange) > RSS_TOLERANCE) failures.push(`RSS moved ${percent(rssChange)}, more than ±${RSS_TOLERANCE * 100}%`)
  return { requests, requestsPerSecond: requests / run.seconds, unexpected, expectedNotFound, rssAfterWarmupKiB, rssLastWindowKiB, rssChange, rssPeakKiB, failures }
}

const mib = (kib: number | null): string => kib === null ? 'unknown' : `${(kib / 1024).toFixed(1)} MiB`
const percent = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`

export function formatSoakReport (run: SoakRun, verdict: SoakVerdict): string {
  const width = Math.max(...run.kinds.map((kind) => kind.name.length))
  const rows = run.kinds.map((kind) => {
    const statuses = Object.entries(kind.statuses).map(([status, count]) => `${status} ×${count}`).join(', ')
    return `  ${kind.name.padEnd(width)}  ${statuses === '' ? 'no answer' : statuses}`
  })
  const unexpected = verdict.unexpected.length === 0
    ? 'none'
    : verdict.unexpected.map((entry) => `${entry.status} ×${entry.count} (${entry.kinds.join(', ')})`).join('; ')
  return [
    `soak: ${run.seconds} s at ${run.connections} connections over ${run.kinds.length} kinds of request (every endpoint), ` +
      `after ${run.fillRequests} distinct searches to fill the answer cache and ${run.warmupSeconds} s of warm-up`,
    ...run.notes,
    'answers by kind of request:',
    ...rows,
    `requests ${verdict.requests} (${Math.round(verdict.requestsPerSecond)} req/s), latency p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms`,
    `errors ${run.errors}, timeouts ${run.timeouts}`,
    `unexpected statuses: ${unexpected}; expected 404s: ${verdict.expectedNotFound}`,
    `RSS after warm-up ${mib(verdict.rssAfterWarmupKiB)} (mean over its last ${WARMUP_RSS_WINDOW_SECONDS} s), ` +
      `mean of the last ${RSS_WINDOW_SECONDS} s ${mib(verdict.rssLastWindowKiB)}: ` +
      `${verdict.rssChange === null ? 'unknown' : percent(verdict.rssChange)} (limit ±${RSS_TOLERANCE * 100}%); ` +
      'each reading just after a full GC, under load',
    `RSS peak under load without forcing GC: ${mib(verdict.rssPeakKiB)} (V8 collects the old generation lazily)`,
    verdict.failures.length === 0 ? 'soak: pass' : `soak: FAIL: ${verdict.failures.join('; ')}`
  ].join('\n')
}
