import t from 'tap'
import { buildTestApp } from '../../../helper.js'

interface Plan {
  model: { threats: string[], activities: string[], constraints: Record<string, unknown> }
  layout: { id: string, why: Array<{ rule: string, text: string }> }
  practices: Array<{ rank: number, id: string, score: number, effort: string, reasons: Array<{ kind: string, rule: string | null, inputs: string[], text: string }> }>
  beyondEffort: Array<{ id: string, effort: string }>
  warnings: Array<{ id: string, message: string, source: { url: string } }>
  unaddressed: Array<{ threat: string, reason: string, explanation: string, readMore: unknown[] }>
  release: { version: string }
  links: { self: string }
}

const ids = (plan: Plan): string[] => plan.practices.map((practice) => practice.id)

t.test('a journalist with sources in a censoring country', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject({
    method: 'POST',
    url: '/v1/suggestions',
    payload: { threats: ['targeted-attacks', 'anonymity', 'censorship'], activities: ['journalism-sources', 'email'], constraints: { censoredNetwork: true } }
  })
  t.equal(response.statusCode, 200)
  const plan = response.json() as Plan
  t.equal(plan.layout.id, 'journalist')
  t.ok(plan.layout.why.some((why) => why.rule === 'journalist' && why.text.length > 0))
  t.ok(ids(plan).indexOf('tor-bridges') < 3, 'bridges come near the top on a censored network')
  t.ok(ids(plan).includes('tor-through-whonix'))
  t.ok(ids(plan).includes('offline-disposables-for-attachments'))
  t.notOk(ids(plan).includes('vpn-before-tor'), 'no VPN → Tor without a trusted VPN, and not as circumvention')
  t.same(plan.warnings.map((warning) => warning.id), ['vpn-tor-is-not-circumvention', 'no-trusted-vpn-use-tor-alone'])
  t.match(plan.warnings[0]?.message, /not a way around censorship/)
  t.equal(plan.warnings[0]?.source.url, 'https://www.privacyguides.org/en/advanced/tor-overview/')
  const bridges = plan.practices.find((practice) => practice.id === 'tor-bridges')
  t.ok(bridges?.reasons.some((reason) => reason.rule === 'censored-network' && reason.inputs.includes('constraint:censoredNetwork=true')), 'the reason names the input and the rule')
  t.same(plan.practices.map((practice) => practice.rank), plan.practices.map((_, index) => index + 1))
  for (let index = 1; index < plan.practices.length; index++) {
    t.ok((plan.practices[index - 1]?.score ?? 0) >= (plan.practices[index]?.score ?? 0), 'ranked by score')
  }
  t.equal(plan.links.self, '/v1/suggestions?threats=anonymity,targeted-attacks,censorship&activities=email,journalism-sources&censoredNetwork=true')
  const viaGet = await app.inject(plan.links.self)
  t.same(viaGet.json(), plan, 'the GET URL gives the same plan')
  t.match(viaGet.headers.etag, /^"/)
})

t.test('someone who only wants to open email attachments safely', async (t) => {
  const app = await buildTestApp(t)
  const plan = (await app.inject('/v1/suggestions?activities=email,untrusted-documents')).json() as Plan
  t.equal(plan.layout.id, 'disposable-first')
  t.same(ids(plan).slice(0, 3).sort(), ['convert-untrusted-documents', 'offline-disposables-for-attachments', 'open-untrusted-in-disposables'])
  t.same(plan.warnings, [])
  t.same(plan.unaddressed, [])
})

t.test('a person who needs anonymity but has no VPN', async (t) => {
  const app = await buildTestApp(t)
  const plan = (await app.inject('/v1/suggestions?threats=anonymity')).json() as Plan
  t.equal(plan.layout.id, 'whonix-tor')
  t.equal(ids(plan)[0], 'tor-through-whonix')
  t.notOk(ids(plan).includes('vpn-before-tor'))
  t.notOk(ids(plan).includes('vpn-qube-fail-closed'))
  t.same(plan.warnings.map((warning) => warning.id), ['no-trusted-vpn-use-tor-alone'])
  const withVpn = (await app.inject('/v1/suggestions?threats=anonymity&trustedVpn=true')).json() as Plan
  t.equal(withVpn.layout.id, 'vpn-tor-chain')
  t.ok(ids(withVpn).includes('vpn-before-tor'))
  t.same(withVpn.warnings.map((warning) => warning.id), ['never-tor-then-vpn'])
})

t.test('an empty model gets a baseline plan, not an error', async (t) => {
  const app = await buildTestApp(t)
  const viaGet = await app.inject('/v1/suggestions')
  t.equal(viaGet.statusCode, 200)
  const plan = viaGet.json() as Plan
  t.equal(plan.layout.id, 'default-install')
  t.ok(plan.practices.length >= 5)
  t.ok(plan.practices.every((practice) => practice.reasons.every((reason) => reason.rule === 'baseline')))
  t.same(plan.model, { threats: [], activities: [], constraints: { trustedVpn: false, censoredNetwork: false, maxEffort: 'high' } })
  const viaPost = await app.inject({ method: 'POST', url: '/v1/suggestions', payload: {} })
  t.same(viaPost.json(), plan)
})

t.test('threats Qubes helps little with are named, with where to read more', async (t) => {
  const app = await buildTestApp(t)
  const plan = (await app.inject('/v1/suggestions?threats=service-providers&lang=ru')).json() as Plan
  const entry = plan.unaddressed.find((item) => item.threat === 'service-providers')
  t.equal(entry?.reason, 'qubes-helps-little')
  t.match(entry?.explanation, /[а-яё]/i)
  t.ok((entry?.readMore.length ?? 0) > 0)
})

t.test('the effort limit moves harder measures aside and says so', async (t) => {
  const app = await buildTestApp(t)
  const plan = (await app.inject('/v1/suggestions?threats=targeted-attacks&activities=secrets-and-keys&maxEffort=low')).json() as Plan
  t.ok(plan.practices.every((practice) => practice.effort === 'low'))
  t.ok(plan.beyondEffort.length > 0)
  t.ok(plan.beyondEffort.every((practice) => practice.effort !== 'low'))
  t.ok(plan.warnings.some((warning) => warning.id === 'qubes-takes-effort'))
})

t.test('same input, same answer, whatever the order or duplicates', async (t) => {
  const app = await buildTestApp(t)
  const a = await app.inject('/v1/suggestions?threats=censorship,anonymity,anonymity&activities=banking,email')
  const b = await app.inject({ method: 'POST', url: '/v1/suggestions', payload: { activities: ['email', 'banking'], threats: ['anonymity', 'censorship'] } })
  t.same(a.json(), b.json())
  t.equal(a.headers.etag, (await app.inject('/v1/suggestions?threats=censorship,anonymity,anonymity&activities=banking,email')).headers.etag)
})

t.test('unknown values get a 400 listing the valid ones', async (t) => {
  const app = await buildTestApp(t)
  const get = await app.inject('/v1/suggestions?threats=anonymity,aliens&activities=knitting&maxEffort=extreme')
  t.equal(get.statusCode, 400)
  t.equal(get.headers['content-type'], 'application/problem+json; charset=utf-8')
  const problem = get.json()
  t.same(problem.errors.map((error: { field: string }) => error.field), ['/threats', '/activities', '/maxEffort'])
  t.match(problem.detail, 'unknown threat "aliens"; valid threats are anonymity, targeted-attacks')
  t.match(problem.detail, 'unknown activity "knitting"; valid activities are untrusted-documents')
  t.match(problem.detail, 'unknown effort "extreme"; valid values are low, medium, high')
  const post = await app.inject({ method: 'POST', url: '/v1/suggestions', payload: { threats: ['aliens'] } })
  t.equal(post.statusCode, 400)
  t.match(post.json().errors[0], { in: 'body', field: '/threats/0', message: /must be one of anonymity, / })
  const activity = await app.inject({ method: 'POST', url: '/v1/suggestions', payload: { activities: ['knitting'] } })
  t.same(activity.json().errors, [{ in: 'body', field: '/activities/0', message: activity.json().errors[0].message }])
  t.match(activity.json().errors[0].message, 'valid activities are')
  t.equal((await app.inject({ method: 'POST', url: '/v1/suggestions', payload: { constraints: { colour: 'red' } } })).statusCode, 400)
  t.equal((await app.inject('/v1/suggestions?trustedVpn=maybe')).statusCode, 400)
  t.equal((await app.inject({ method: 'POST', url: '/v1/suggestions', payload: 'threats=x', headers: { 'content-type': 'text/plain' } })).statusCode, 415)
})
