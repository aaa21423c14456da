import t from 'tap'
import { inverseDocumentFrequency, rankByBm25, saturation } from '../../src/search/bm25.js'

const corpus = { passages: 100, terms: 5000 }

t.test('a rarer phrase weighs more, and one in over half the corpus keeps a tiny positive weight', async (t) => {
  t.ok(inverseDocumentFrequency(1, corpus) > inverseDocumentFrequency(10, corpus))
  t.equal(inverseDocumentFrequency(10, corpus), Math.log((100 - 10 + 0.5) / (10 + 0.5)))
  t.equal(inverseDocumentFrequency(50, corpus), 1e-6, 'log(50.5 / 50.5) is 0, floored')
  t.equal(inverseDocumentFrequency(90, corpus), 1e-6)
})

t.test('frequency saturates, and a longer passage needs more of it', async (t) => {
  t.equal(saturation(0, 50, 50), 0)
  t.equal(saturation(1, 50, 50), 2.2 / 2.2, 'one occurrence in an average passage is exactly 1')
  t.ok(saturation(2, 50, 50) > saturation(1, 50, 50))
  t.ok(saturation(100, 50, 50) < 2.2, 'never above k1 + 1')
  t.ok(saturation(1, 200, 50) < saturation(1, 20, 50))
})

t.test('passages rank by the sum over phrases, ties by passage number', async (t) => {
  const ranked = rankByBm25([
    { matching: 2, postings: [{ passage: 7, weight: 1, length: 50 }, { passage: 3, weight: 1, length: 50 }] },
    { matching: 40, postings: [{ passage: 3, weight: 6, length: 50 }, { passage: 9, weight: 1, length: 50 }] }
  ], corpus, 10)
  t.same(ranked.map((entry) => entry.passage), [3, 7, 9], 'both phrases beat the rare one alone, which beats the common one alone')
  const expected = inverseDocumentFrequency(2, corpus) * saturation(1, 50, 50) + inverseDocumentFrequency(40, corpus) * saturation(6, 50, 50)
  t.equal(ranked[0]?.score, expected)
  const tied = rankByBm25([{ matching: 5, postings: [{ passage: 8, weight: 1, length: 40 }, { passage: 2, weight: 1, length: 40 }] }], corpus, 10)
  t.same(tied.map((entry) => entry.passage), [2, 8])
  t.equal(tied[0]?.score, tied[1]?.score)
})

t.test('postings of several terms of one phrase add up, and the limit cuts the list', async (t) => {
  const summed = rankByBm25([{ matching: 3, postings: [{ passage: 1, weight: 1, length: 50 }, { passage: 1, weight: 3, length: 50 }, { passage: 2, weight: 4, length: 50 }] }], corpus, 1)
  t.equal(summed.length, 1)
  t.equal(summed[0]?.passage, 1, 'passage 1 holds 1 + 3, as much as passage 2; the tie goes to the lower number')
  t.equal(summed[0]?.score, inverseDocumentFrequency(3, corpus) * saturation(4, 50, 50))
  t.same(rankByBm25([], corpus, 10), [])
  t.same(rankByBm25([{ matching: 1, postings: [{ passage: 1, weight: 1, length: 5 }] }], { passages: 0, terms: 0 }, 10), [], 'an empty corpus ranks nothing')
  t.same(rankByBm25([{ matching: 1, postings: [{ passage: 1, weight: 1, length: 5 }] }], corpus, 0), [])
})
