import t from 'tap'
import { formatVerdict, judgeOtherTargets } from '../../src/bench/other-targets.js'

const MIB = 1024 * 1024

t.test('each target is judged on what was measured, and the verdict shows both', async (t) => {
  const verdicts = judgeOtherTargets({
    startupMs: [{ where: 'in the container\'s environment', ms: 143.4 }, { where: 'in this shell\'s', ms: 173 }, { where: 'without the code cache', ms: 207 }],
    peakRssBytes: 139 * MIB,
    searchGrowth: [{ factor: 1, p99RatioTo1x: 1 }, { factor: 10, p99RatioTo1x: 1.15 }, { factor: 100, p99RatioTo1x: 0.98 }]
  })
  t.same(verdicts.map(formatVerdict), [
    'start-up to /ready < 500 ms: 143 ms in the container\'s environment, 173 ms in this shell\'s, 207 ms without the code cache ok',
    'peak RSS under load < 150 MB (143.1 MiB): 145.8 MB (139.0 MiB) ok',
    'search p99 at 100x the corpus <= 3x its p99 at 1x: 0.98x ok'
  ])
})

t.test('the slowest start, 150 MB as 10^6 bytes, and 3x itself decide', async (t) => {
  const verdicts = judgeOtherTargets({
    startupMs: [{ where: 'here', ms: 120 }, { where: 'there', ms: 500 }],
    // 144 MiB is under 150 MiB but over 150 MB.
    peakRssBytes: 144 * MIB,
    searchGrowth: [{ factor: 1, p99RatioTo1x: 1 }, { factor: 100, p99RatioTo1x: 3 }]
  })
  t.same(verdicts.map((verdict) => verdict.meets), [false, false, true])
  t.match(formatVerdict(verdicts[0] ?? { target: '', measured: '', meets: null }), / MISS$/)
  const under = judgeOtherTargets({ startupMs: [{ where: 'here', ms: 499 }], peakRssBytes: 150e6 - 1, searchGrowth: [{ factor: 100, p99RatioTo1x: 3.01 }] })
  t.same(under.map((verdict) => verdict.meets), [true, true, false])
})

t.test('what was not measured gets no verdict', async (t) => {
  const verdicts = judgeOtherTargets({
    startupMs: [{ where: 'without the code cache', ms: null }],
    peakRssBytes: null,
    searchGrowth: [{ factor: 1, p99RatioTo1x: 1 }, { factor: 2, p99RatioTo1x: 1.1 }]
  })
  t.same(verdicts.map((verdict) => verdict.meets), [null, null, null])
  t.same(verdicts.map(formatVerdict).map((line) => line.split(': ').slice(1).join(': ')), [
    'not measured',
    'not measured (no /proc)',
    'not measured (the corpus grew to 2x at most)'
  ])
})
