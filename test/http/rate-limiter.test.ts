import t from 'tap'
import { RateLimiter } from '../../src/http/rate-limiter.js'

function limiterAt (max: number, windowSeconds: number): { limiter: RateLimiter, clock: { now: number } } {
  const clock = { now: 1_000_000 }
  return { limiter: new RateLimiter({ max, windowSeconds, now: () => clock.now }), clock }
}

t.test('counts each address within its window and refuses past the quota', async (t) => {
  const { limiter, clock } = limiterAt(3, 60)
  t.same([1, 2, 3].map(() => limiter.take('a').remaining), [2, 1, 0])
  const refused = limiter.take('a')
  t.same(refused, { allowed: false, limit: 3, remaining: 0, resetSeconds: 60 })
  t.equal(limiter.take('b').allowed, true, 'another address has its own quota')
  clock.now += 59_001
  t.equal(limiter.take('a').resetSeconds, 1, 'reset counts down and never says 0')
  clock.now += 1000
  t.same(limiter.take('a'), { allowed: true, limit: 3, remaining: 2, resetSeconds: 60 }, 'a new window starts full')
})

t.test('headers follow draft-ietf-httpapi-ratelimit-headers', async (t) => {
  const { limiter } = limiterAt(6000, 60)
  t.equal(limiter.policyHeader, '"per-address";q=6000;w=60')
  t.equal(RateLimiter.header(limiter.take('a')), '"per-address";r=5999;t=60')
})

t.test('a quota of 0 turns the limiter off', async (t) => {
  t.equal(new RateLimiter({ max: 0, windowSeconds: 60 }).enabled, false)
  t.equal(new RateLimiter({ max: 1, windowSeconds: 60 }).enabled, true)
})

t.test('ended windows are swept, so memory follows the recent clients', async (t) => {
  const { limiter, clock } = limiterAt(10, 1)
  for (let client = 0; client < 100; client++) limiter.take(`client-${client}`)
  t.equal(limiter.clients, 100)
  clock.now += 1500
  limiter.take('late')
  t.equal(limiter.clients, 1, 'only the client of the current window is left')
})
