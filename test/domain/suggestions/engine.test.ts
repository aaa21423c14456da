import t from 'tap'
import { matchCondition, suggest, type SuggestionKnowledge } from '../../../src/domain/suggestions/engine.js'
import { parseThreatModel, suggestionsUrl, type ThreatModel } from '../../../src/domain/suggestions/threat-model.js'

const activities = ['banking', 'email']

function model (input: Parameters<typeof parseThreatModel>[0]): ThreatModel {
  const parsed = parseThreatModel(input, activities)
  if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems))
  return parsed.model
}

/** A small knowledge base whose every number is visible here, so each expectation can be worked out by hand. */
const knowledge: SuggestionKnowledge = {
  practices: [
    { id: 'bank-qube', order: 10, effort: 'low', mitigates: [{ threat: 'targeted-attacks' }], activities: ['banking'] },
    { id: 'whonix', order: 20, effort: 'medium', mitigates: [{ threat: 'anonymity' }], activities: [] },
    { id: 'vpn-first', order: 30, effort: 'medium', mitigates: [{ threat: 'anonymity' }], activities: [] },
    { id: 'bridges', order: 40, effort: 'high', mitigates: [{ threat: 'censorship' }], activities: [] },
    { id: 'updates', order: 50, effort: 'low', mitigates: [{ threat: 'passive-attacks' }], activities: [] }
  ],
  threats: [
    { id: 'anonymity', qubesHelps: 'partly' },
    { id: 'public-exposure', qubesHelps: 'little' },
    { id: 'censorship', qubesHelps: 'partly' }
  ],
  rules: {
    linkWeights: { threat: 2, activity: 1 },
    defaultLayout: 'default-install',
    practiceRules: [
      { id: 'baseline', when: { always: true }, raise: { updates: 3 } },
      { id: 'anonymity', when: { threats: ['anonymity'] }, raise: { whonix: 6 } },
      { id: 'vpn', when: { threats: ['anonymity'], constraints: { trustedVpn: true } }, raise: { 'vpn-first': 5 } },
      { id: 'no-vpn', when: { threats: ['anonymity'], constraints: { trustedVpn: false } }, raise: { 'vpn-first': -20 } },
      { id: 'censored', when: { constraints: { censoredNetwork: true } }, raise: { bridges: 7 } }
    ],
    layoutRules: [
      { id: 'default', when: { always: true }, layout: 'default-install', score: 1 },
      { id: 'tor', when: { threats: ['anonymity'] }, layout: 'whonix-tor', score: 6 },
      { id: 'chain', when: { threats: ['anonymity'], constraints: { trustedVpn: true } }, layout: 'vpn-tor-chain', score: 7 },
      { id: 'bank', when: { activities: ['banking'] }, layout: 'banking-separation', score: 5 }
    ],
    warnings: [{ id: 'bridges-first', when: { constraints: { censoredNetwork: true } } }]
  }
}

t.test('an empty model gets the baseline plan', async (t) => {
  const plan = suggest(knowledge, model({}))
  t.same(plan.practices, [{ id: 'updates', score: 3, effort: 'low', reasons: [{ kind: 'rule', rule: 'baseline', weight: 3, inputs: [] }] }])
  t.same(plan.layout, { id: 'default-install', score: 1, reasons: [{ rule: 'default', inputs: [] }] })
  t.same(plan.warnings, [])
  t.same(plan.unaddressed, [])
})

t.test('rules and links add up, with the reasons that raised each practice', async (t) => {
  const plan = suggest(knowledge, model({ threats: ['anonymity'], constraints: { trustedVpn: true } }))
  t.same(plan.practices.map((practice) => [practice.id, practice.score]), [['whonix', 8], ['vpn-first', 7], ['updates', 3]])
  t.same(plan.practices[1]?.reasons, [
    { kind: 'rule', rule: 'vpn', weight: 5, inputs: ['threat:anonymity', 'constraint:trustedVpn=true'] },
    { kind: 'mitigates', threat: 'anonymity', weight: 2 }
  ])
  t.same(plan.layout, { id: 'vpn-tor-chain', score: 7, reasons: [{ rule: 'chain', inputs: ['threat:anonymity', 'constraint:trustedVpn=true'] }] })
})

t.test('without a trusted VPN the VPN practice is demoted out of the plan and Tor alone is the layout', async (t) => {
  const plan = suggest(knowledge, model({ threats: ['anonymity'] }))
  t.notOk(plan.practices.some((practice) => practice.id === 'vpn-first'))
  t.equal(plan.layout.id, 'whonix-tor')
})

t.test('effort above the limit moves practices to beyondEffort and can leave a threat unaddressed', async (t) => {
  const plan = suggest(knowledge, model({ threats: ['censorship', 'public-exposure'], constraints: { censoredNetwork: true, maxEffort: 'medium' } }))
  t.same(plan.beyondEffort.map((practice) => [practice.id, practice.score]), [['bridges', 9]])
  t.notOk(plan.practices.some((practice) => practice.id === 'bridges'))
  t.same(plan.warnings, ['bridges-first'])
  t.same(plan.unaddressed, [{ threat: 'public-exposure', reason: 'qubes-helps-little' }, { threat: 'censorship', reason: 'no-practice-within-effort' }])
})

t.test('ties rank lower effort first, then guide order', async (t) => {
  const plan = suggest(knowledge, model({ threats: ['targeted-attacks'], activities: ['banking'] }))
  t.same(plan.practices.map((practice) => [practice.id, practice.score, practice.effort]), [['bank-qube', 3, 'low'], ['updates', 3, 'low']])
  t.equal(plan.layout.id, 'banking-separation')
})

t.test('the same model in any order and with duplicates is the same model, with one URL', async (t) => {
  const a = model({ threats: ['censorship', 'anonymity', 'anonymity'], activities: ['email', 'banking'] })
  const b = model({ threats: ['anonymity', 'censorship'], activities: ['banking', 'email'], constraints: { maxEffort: 'high' } })
  t.same(a, b)
  t.same(suggest(knowledge, a), suggest(knowledge, b))
  t.equal(suggestionsUrl(a), '/v1/suggestions?threats=anonymity,censorship&activities=banking,email')
  t.equal(suggestionsUrl(model({ constraints: { trustedVpn: true, censoredNetwork: true, maxEffort: 'low' } })), '/v1/suggestions?trustedVpn=true&censoredNetwork=true&maxEffort=low')
  t.equal(suggestionsUrl(model({})), '/v1/suggestions')
})

t.test('unknown values are all reported, with the valid ones', async (t) => {
  const parsed = parseThreatModel({ threats: ['anonymity', 'aliens'], activities: ['knitting'], constraints: { maxEffort: 'extreme' } }, activities)
  t.same(parsed, {
    problems: [
      { field: '/threats/1', message: 'unknown threat "aliens"; valid threats are anonymity, targeted-attacks, supply-chain-attacks, passive-attacks, service-providers, mass-surveillance, surveillance-capitalism, public-exposure, censorship' },
      { field: '/activities/0', message: 'unknown activity "knitting"; valid activities are banking, email' },
      { field: '/constraints/maxEffort', message: 'unknown effort "extreme"; valid values are low, medium, high' }
    ]
  })
})

t.test('conditions: any listed threat or activity, every listed constraint', async (t) => {
  const m = model({ threats: ['anonymity'], activities: ['email'], constraints: { trustedVpn: true } })
  t.same(matchCondition({ threats: ['anonymity', 'censorship'] }, m), ['threat:anonymity'])
  t.equal(matchCondition({ threats: ['censorship'] }, m), undefined)
  t.equal(matchCondition({ activities: ['banking'] }, m), undefined)
  t.same(matchCondition({ activities: ['email'], constraints: { trustedVpn: true } }, m), ['activity:email', 'constraint:trustedVpn=true'])
  t.equal(matchCondition({ constraints: { trustedVpn: true, censoredNetwork: true } }, m), undefined)
  t.same(matchCondition({ always: true }, m), [])
})
