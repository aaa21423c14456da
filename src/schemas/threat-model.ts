import Type from 'typebox'
import { EFFORTS, QUESTION_FILLS } from '../content/threat-model-schema.js'
import { THREAT_IDS } from '../content/threats.js'
import { ref, Source, Translation } from './common.js'

const ThreatIdEnum = Type.Enum([...THREAT_IDS])
const EffortEnum = Type.Enum([...EFFORTS], { description: 'low: minutes; medium: an hour and some commands; high: a complex setup or ongoing discipline' })
const Link = Type.Object({ id: Type.String(), title: Type.String(), links: Type.Object({ self: Type.String() }) }, { additionalProperties: false })

export const ThreatSummary = Type.Object({
  id: ThreatIdEnum,
  name: Type.String(),
  summary: Type.String(),
  qubesHelps: Type.Enum(['strongly', 'partly', 'little'], { description: 'How much Qubes itself does against this threat' }),
  links: Type.Object({ self: Type.String(), practices: Type.String() }, { additionalProperties: false })
}, { $id: 'ThreatSummary', additionalProperties: false })

export const ThreatList = Type.Object({
  items: Type.Array(ref(ThreatSummary)),
  translation: ref(Translation)
}, { $id: 'ThreatList', additionalProperties: false })

export const PracticeSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  effort: EffortEnum,
  threats: Type.Array(ThreatIdEnum),
  activities: Type.Array(Type.String()),
  links: Type.Object({ self: Type.String() }, { additionalProperties: false })
}, { $id: 'PracticeSummary', additionalProperties: false })

export const Threat = Type.Object({
  id: ThreatIdEnum,
  name: Type.String(),
  summary: Type.String(),
  inQubes: Type.String({ description: 'What the threat means for a Qubes user' }),
  qubesHelps: Type.Enum(['strongly', 'partly', 'little']),
  coverage: Type.String({ description: 'Why Qubes helps that much' }),
  practices: Type.Array(Type.Object({
    id: Type.String(),
    title: Type.String(),
    effort: EffortEnum,
    how: Type.String({ description: 'How the practice addresses this threat' }),
    links: Type.Object({ self: Type.String() }, { additionalProperties: false })
  }, { additionalProperties: false })),
  readMore: Type.Array(ref(Source)),
  sources: Type.Array(ref(Source)),
  translation: ref(Translation)
}, { $id: 'Threat', additionalProperties: false })

export const ActivityList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    links: Type.Object({ practices: Type.String() }, { additionalProperties: false })
  }, { additionalProperties: false })),
  translation: ref(Translation)
}, { $id: 'ActivityList', additionalProperties: false })

export const PracticeList = Type.Object({
  items: Type.Array(ref(PracticeSummary)),
  translation: ref(Translation)
}, { $id: 'PracticeList', additionalProperties: false })

export const Practice = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  why: Type.String(),
  effort: EffortEnum,
  steps: Type.Array(Type.Object({
    text: Type.String(),
    command: Type.Union([Type.String(), Type.Null()], { description: 'The exact command, when there is one' }),
    where: Type.Union([Type.Enum(['dom0', 'qube', 'template']), Type.Null()], { description: 'Where to run the command' })
  }, { additionalProperties: false })),
  mitigates: Type.Array(Type.Object({ threat: ThreatIdEnum, name: Type.String(), how: Type.String() }, { additionalProperties: false })),
  activities: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
  residualRisks: Type.Array(Type.String()),
  relatedTopics: Type.Array(Link),
  relatedLayouts: Type.Array(Link),
  sources: Type.Array(ref(Source)),
  links: Type.Object({ self: Type.String() }, { additionalProperties: false }),
  translation: ref(Translation)
}, { $id: 'Practice', additionalProperties: false })

export const QuestionList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(),
    question: Type.String(),
    explanation: Type.String(),
    fills: Type.Array(Type.Enum([...QUESTION_FILLS]), { description: 'The input fields of /v1/suggestions an answer helps fill' }),
    source: ref(Source)
  }, { additionalProperties: false })),
  inputs: Type.Object({
    threats: Type.Array(ThreatIdEnum),
    activities: Type.Array(Type.String()),
    constraints: Type.Object({
      trustedVpn: Type.String(),
      censoredNetwork: Type.String(),
      maxEffort: Type.Array(EffortEnum)
    }, { additionalProperties: false })
  }, { additionalProperties: false, description: 'The values each input field takes' }),
  translation: ref(Translation)
}, { $id: 'QuestionList', additionalProperties: false })

export const SuggestionRequest = Type.Object({
  threats: Type.Optional(Type.Array(ThreatIdEnum, { maxItems: 9, uniqueItems: false })),
  activities: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
  constraints: Type.Optional(Type.Object({
    trustedVpn: Type.Optional(Type.Boolean({ description: 'You already use a VPN provider you trust' })),
    censoredNetwork: Type.Optional(Type.Boolean({ description: 'Your network blocks Tor or VPNs' })),
    maxEffort: Type.Optional(EffortEnum)
  }, { additionalProperties: false }))
}, { $id: 'SuggestionRequest', additionalProperties: false, description: 'A threat model; everything is optional, and an empty model gets a baseline plan' })

const ReasonSchema = Type.Object({
  kind: Type.Enum(['rule', 'mitigates', 'serves']),
  rule: Type.Union([Type.String(), Type.Null()], { description: 'The rule of rules.yaml that applied, for kind rule' }),
  inputs: Type.Array(Type.String(), { description: 'The inputs that raised it, e.g. threat:anonymity, constraint:trustedVpn=true' }),
  weight: Type.Integer(),
  text: Type.String({ description: 'The reason in words' })
}, { additionalProperties: false })

const RankedPractice = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  score: Type.Integer(),
  effort: EffortEnum,
  reasons: Type.Array(ReasonSchema),
  links: Type.Object({ self: Type.String() }, { additionalProperties: false })
}, { additionalProperties: false })

export const Suggestions = Type.Object({
  model: Type.Object({
    threats: Type.Array(ThreatIdEnum),
    activities: Type.Array(Type.String()),
    constraints: Type.Object({ trustedVpn: Type.Boolean(), censoredNetwork: Type.Boolean(), maxEffort: EffortEnum }, { additionalProperties: false })
  }, { additionalProperties: false, description: 'The inputs as understood: sorted, deduplicated, defaults filled in' }),
  layout: Type.Object({
    id: Type.String(),
    title: Type.String(),
    summary: Type.String(),
    score: Type.Integer(),
    why: Type.Array(Type.Object({ rule: Type.String(), inputs: Type.Array(Type.String()), text: Type.String() }, { additionalProperties: false })),
    links: Type.Object({ self: Type.String(), chain: Type.String() }, { additionalProperties: false })
  }, { additionalProperties: false }),
  practices: Type.Array(RankedPractice, { description: 'Ranked by score, then lower effort, then guide order' }),
  beyondEffort: Type.Array(RankedPractice, { description: 'Raised by the model but needing more effort than maxEffort' }),
  warnings: Type.Array(Type.Object({ id: Type.String(), message: Type.String(), source: ref(Source) }, { additionalProperties: false })),
  unaddressed: Type.Array(Type.Object({
    threat: ThreatIdEnum,
    name: Type.String(),
    reason: Type.Enum(['qubes-helps-little', 'no-practice-within-effort']),
    explanation: Type.String(),
    readMore: Type.Array(ref(Source))
  }, { additionalProperties: false }), { description: 'Threats of the model the plan does not address, and why' }),
  release: Type.Object({ version: Type.String(), contentHash: Type.String() }, { additionalProperties: false }),
  links: Type.Object({ self: Type.String({ description: 'The shareable, cacheable GET URL of this plan' }) }, { additionalProperties: false }),
  translation: ref(Translation)
}, { $id: 'Suggestions', additionalProperties: false })

export const threatModelModels = [ThreatSummary, ThreatList, PracticeSummary, Threat, ActivityList, PracticeList, Practice, QuestionList, SuggestionRequest, Suggestions]
