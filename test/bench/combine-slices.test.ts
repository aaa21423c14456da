import { test } from 'tap'
import { combineSlices, median } from '../../src/bench/combine-slices.js'

const slice = (requestsPerSecond: number, p50: number, p99: number, errors = 0, non2xx = 0) => ({ requestsPerSecond, p50, p99, errors, non2xx })

test('the median of an even count is the upper middle value, and of nothing is 0', async (t) => {
  t.equal(median([4, 1, 3, 2]), 3)
  t.equal(median([5, 1, 3]), 3)
  t.equal(median([]), 0)
})

test('one busy second moves neither latency, and is kept as the worst slice', async (t) => {
  // The shape of a slice run seen in the A/A probe: three quiet seconds and one of 44 ms.
  const combined = combineSlices([slice(20000, 2.1, 4.2), slice(19000, 2.3, 44), slice(21000, 2.0, 3.9), slice(20000, 2.2, 4.5, 1, 2)])
  t.equal(combined.requestsPerSecond, 20000, 'throughput is the mean of the slices')
  t.equal(combined.p99, 4.5, 'p99 is the upper median, not the mean (14.15)')
  t.equal(combined.p50, 2.2)
  t.equal(combined.p99WorstSlice, 44)
  t.same([combined.errors, combined.non2xx], [1, 2], 'every error counts')
})

test('one slice is its own median and worst', async (t) => {
  t.same(combineSlices([slice(100, 1, 7)]), { requestsPerSecond: 100, p50: 1, p99: 7, p99WorstSlice: 7, errors: 0, non2xx: 0 })
})
