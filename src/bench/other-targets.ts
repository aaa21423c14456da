/**
 * The targets of issue 6 that are not a ratio to bare node:http: start-up, memory and how search
 * latency grows with the corpus. Each verdict says what was measured beside what was wanted.
 */

export const STARTUP_TARGET_MS = 500
/**
 * "Peak RSS under 150 MB", read as decimal megabytes: the stricter of the two readings, 143 MiB.
 * /proc reports kibibytes, so both units are printed.
 */
export const PEAK_RSS_TARGET_BYTES = 150 * 1000 * 1000
export const SEARCH_GROWTH_TARGET = 3
export const SEARCH_GROWTH_FACTOR = 100

export interface TargetVerdict {
  target: string
  measured: string
  /** null: not measured in this run. */
  meets: boolean | null
}

export interface OtherMeasurements {
  /** Medians of start-up to /ready, by where the server started; null where it was not measured. */
  startupMs: Array<{ where: string, ms: number | null }>
  peakRssBytes: number | null
  /** Search p99 at each corpus size over its p99 at 1×. */
  searchGrowth: Array<{ factor: number, p99RatioTo1x: number }>
}

const MIB = 1024 * 1024

export function judgeOtherTargets (measured: OtherMeasurements): TargetVerdict[] {
  const startups = measured.startupMs.flatMap(({ where, ms }) => ms === null ? [] : [{ where, ms }])
  const slowestStart = Math.max(...startups.map(({ ms }) => ms))
  const rss = measured.peakRssBytes
  const growth = measured.searchGrowth.find((entry) => entry.factor === SEARCH_GROWTH_FACTOR)
  return [
    {
      target: `start-up to /ready < ${STARTUP_TARGET_MS} ms`,
      measured: startups.length === 0 ? 'not measured' : startups.map(({ where, ms }) => `${Math.round(ms)} ms ${where}`).join(', '),
      meets: startups.length === 0 ? null : slowestStart < STARTUP_TARGET_MS
    },
    {
      target: `peak RSS under load < ${PEAK_RSS_TARGET_BYTES / 1e6} MB (${(PEAK_RSS_TARGET_BYTES / MIB).toFixed(1)} MiB)`,
      measured: rss === null ? 'not measured (no /proc)' : `${(rss / 1e6).toFixed(1)} MB (${(rss / MIB).toFixed(1)} MiB)`,
      meets: rss === null ? null : rss < PEAK_RSS_TARGET_BYTES
    },
    {
      target: `search p99 at ${SEARCH_GROWTH_FACTOR}x the corpus <= ${SEARCH_GROWTH_TARGET}x its p99 at 1x`,
      measured: growth === undefined ? `not measured (the corpus grew to ${Math.max(1, ...measured.searchGrowth.map((entry) => entry.factor))}x at most)` : `${growth.p99RatioTo1x.toFixed(2)}x`,
      meets: growth === undefined ? null : growth.p99RatioTo1x <= SEARCH_GROWTH_TARGET
    }
  ]
}

export function formatVerdict (verdict: TargetVerdict): string {
  const word = verdict.meets === null ? '' : verdict.meets ? ' ok' : ' MISS'
  return `${verdict.target}: ${verdict.measured}${word}`
}
