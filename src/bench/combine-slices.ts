import type { LoadResult } from './load.js'

/** The middle value; of an even count, the upper of the two middle ones (the more cautious latency). */
export function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

export interface CombinedLoadResult extends LoadResult {
  /** The highest p99 of any one slice: the machine's worst second, not the server's typical one. */
  p99WorstSlice: number
}

/**
 * Slices of equal length measured against one server, as one result: the mean throughput, every
 * error, and for the latencies the median of the slices', with the worst p99 kept beside it.
 * A mean of p99s was one neighbour's busy second away from 4x: in the bench's A/A control, two
 * identical servers read 21.5 and 5.2 ms that way in one run, and in a probe one server's
 * one-second slices ranged from 3.4 to 44 ms. The median is what the server does in a typical
 * second; the worst slice says how far the machine strayed.
 */
export function combineSlices (slices: LoadResult[]): CombinedLoadResult {
  const mean = (pick: (slice: LoadResult) => number): number => slices.reduce((sum, slice) => sum + pick(slice), 0) / Math.max(1, slices.length)
  return {
    requestsPerSecond: mean((slice) => slice.requestsPerSecond),
    p50: median(slices.map((slice) => slice.p50)),
    p99: median(slices.map((slice) => slice.p99)),
    p99WorstSlice: Math.max(0, ...slices.map((slice) => slice.p99)),
    errors: slices.reduce((sum, slice) => sum + slice.errors, 0),
    non2xx: slices.reduce((sum, slice) => sum + slice.non2xx, 0)
  }
}
