import t from 'tap'
import { BoundedMemo } from '../../src/domain/bounded-memo.js'

t.test('a value is computed once, then remembered', async (t) => {
  const computed: string[] = []
  const memo = new BoundedMemo<string, number>(10)
  const length = (key: string): number => {
    computed.push(key)
    return key.length
  }
  t.equal(memo.get('qube', length), 4)
  t.equal(memo.get('qube', length), 4)
  t.equal(memo.get('vault', length), 5)
  t.same(computed, ['qube', 'vault'])
  t.equal(memo.size, 2)
})

t.test('when the next value would pass the bound, the memory starts again with it', async (t) => {
  const memo = new BoundedMemo<number, number>(3)
  for (const key of [1, 2, 3]) memo.get(key, (n) => n * 10)
  t.equal(memo.size, 3)
  t.equal(memo.get(4, (n) => n * 10), 40)
  t.equal(memo.size, 1, 'only the newest value is left')
  let computedAgain = false
  t.equal(memo.get(1, (n) => { computedAgain = true; return n * 10 }), 10)
  t.ok(computedAgain, 'a forgotten value is computed again, the same')
})

t.test('the bound can weigh each value', async (t) => {
  const memo = new BoundedMemo<string, number[]>(10, (list) => list.length)
  memo.get('a', () => [1, 2, 3, 4])
  memo.get('b', () => [1, 2, 3, 4, 5, 6])
  t.equal(memo.size, 2, 'weights 4 + 6 fit in 10')
  memo.get('c', () => [1])
  t.equal(memo.size, 1, 'one more would pass it')
  memo.get('huge', () => Array.from({ length: 50 }, (_, index) => index))
  t.equal(memo.size, 1, 'a value heavier than the bound is kept alone until the next')
  t.equal(memo.get('huge', () => []).length, 50)
})

t.test('a value can be looked up without computing it, and remembered only when the caller chooses', async (t) => {
  const memo = new BoundedMemo<string, number>(2)
  t.equal(memo.find('qube'), undefined)
  memo.remember('qube', 4)
  t.equal(memo.find('qube'), 4)
  t.equal(memo.get('qube', () => 0), 4, 'get finds what remember kept')
  memo.remember('vault', 5)
  memo.remember('tor', 3)
  t.equal(memo.find('qube'), undefined, 'remember starts again at the bound, as get does')
  t.equal(memo.find('tor'), 3)
})
