import Type from 'typebox'
import { EFFORTS, QUESTION_FILLS } from '../content/threat-model-schema.js'
import { THREAT_IDS } from '../content/threats.js'
import { ContentHash, Id, Int, LIMITS, Link, LINK_MAX_LENGTH, List, Paragraph, ReleaseVersion, Text, Title } from './bounds.js'
import { ref, Source, Translation } from './common.js'

const ThreatIdEnum = Type.Enum([...THREAT_IDS])
const ThreatIds = List(ThreatIdEnum, THREAT_IDS.length)
const EffortEnum = Type.Enum([...EFFORTS], { description: 'low: minutes; medium: an hour and some commands; high: a complex setup or ongoing discipline' })
const SelfLink = Type.Object({ self: Link() }, { additionalProperties: false })
const RelatedLink = Type.Object({ id: Id(), title: Title(), links: Type.Object({ self: Link() }) }, { additionalProperties: false })
const Sources = List(ref(Source), LIMITS.list)

/** The inputs a rule's condition can match: every threat, its activities, the three constraints. */
const CONDITION_INPUTS_MAX = THREAT_IDS.length + LIMITS.list + 3
/** One reason per practice rule, per threat a practice mitigates and per activity it serves. */
const REASONS_MAX = LIMITS.collection + THREAT_IDS.length + LIMITS.list
/** A kind and an id or a constraint: threat:anonymity, activity:banking, constraint:trustedVpn=true. */
const ConditionInput = Text(LIMITS.id + 32)

export const ThreatSummary = Type.Object({
  id: ThreatIdEnum,
  name: Title(),
  summary: Paragraph(),
  qubesHelps: Type.Enum(['strongly', 'partly', 'little'], { description: 'How much Qubes itself does against this threat' }),
  links: Type.Object({ self: Link(), practices: Link() }, { additionalProperties: false })
}, { $id: 'ThreatSummary', additionalProperties: false })

export const ThreatList = Type.Object({
  items: List(ref(ThreatSummary), THREAT_IDS.length),
  translation: ref(Translation)
}, { $id: 'ThreatList', additionalProperties: false })

export const PracticeSummary = Type.Object({
  id: Id(),
  title: Title(),
  summary: Paragraph(),
  effort: EffortEnum,
  threats: ThreatIds,
  activities: List(Id(), LIMITS.list),
  links: SelfLink
}, { $id: 'PracticeSummary', additionalProperties: false })

export const Threat = Type.Object({
  id: ThreatIdEnum,
  name: Title(),
  summary: Paragraph(),
  inQubes: Paragraph({ description: 'What the threat means for a Qubes user' }),
  qubesHelps: Type.Enum(['strongly', 'partly', 'little']),
  coverage: Paragraph({ description: 'Why Qubes helps that much' }),
  practices: List(Type.Object({
    id: Id(),
    title: Title(),
    effort: EffortEnum,
    how: Paragraph({ description: 'How the practice addresses this threat' }),
    links: SelfLink
  }, { additionalProperties: false }), LIMITS.collection),
  readMore: Sources,
  sources: Sources,
  translation: ref(Translation)
}, { $id: 'Threat', additionalProperties: false })

export const ActivityList = Type.Object({
  items: List(Type.Object({
    id: Id(),
    name: Title(),
    description: Paragraph(),
    links: Type.Object({ practices: Link() }, { additionalProperties: false })
  }, { additionalProperties: false }), LIMITS.collection),
  translation: ref(Translation)
}, { $id: 'ActivityList', additionalProperties: false })

export const PracticeList = Type.Object({
  items: List(ref(PracticeSummary), LIMITS.collection),
  translation: ref(Translation)
}, { $id: 'PracticeList', additionalProperties: false })

export const Practice = Type.Object({
  id: Id(),
  title: Title(),
  summary: Paragraph(),
  why: Paragraph(),
  effort: EffortEnum,
  steps: List(Type.Object({
    text: Paragraph(),
    command: Type.Union([Paragraph(), Type.Null()], { description: 'The exact command, when there is one' }),
    where: Type.Union([Type.Enum(['dom0', 'qube', 'template']), Type.Null()], { description: 'Where to run the command' })
  }, { additionalProperties: false }), LIMITS.list),
  mitigates: List(Type.Object({ threat: ThreatIdEnum, name: Title(), how: Paragraph() }, { additionalProperties: false }), THREAT_IDS.length),
  activities: List(Type.Object({ id: Id(), name: Title() }, { additionalProperties: false }), LIMITS.list),
  residualRisks: List(Paragraph(), LIMITS.list),
  relatedTopics: List(RelatedLink, LIMITS.list),
  relatedLayouts: List(RelatedLink, LIMITS.list),
  sources: Sources,
  links: SelfLink,
  translation: ref(Translation)
}, { $id: 'Practice', additionalProperties: false })

export const QuestionList = Type.Object({
  items: List(Type.Object({
    id: Id(),
    question: Title(),
    explanation: Paragraph(),
    fills: List(Type.Enum([...QUESTION_FILLS]), QUESTION_FILLS.length, { description: 'The input fields of /v1/suggestions an answer helps fill' }),
    source: ref(Source)
  }, { additionalProperties: false }), LIMITS.collection),
  inputs: Type.Object({
    threats: ThreatIds,
    activities: List(Id(), LIMITS.collection),
    constraints: Type.Object({
      trustedVpn: Title(),
      censoredNetwork: Title(),
      maxEffort: List(EffortEnum, EFFORTS.length)
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
  rule: Type.Union([Id(), Type.Null()], { description: 'The rule of rules.yaml that applied, for kind rule' }),
  inputs: List(ConditionInput, CONDITION_INPUTS_MAX, { description: 'The inputs that raised it, e.g. threat:anonymity, constraint:trustedVpn=true' }),
  weight: Int(-LIMITS.weight, LIMITS.weight),
  // A rule's reason, or a threat's name and how the practice addresses it.
  text: Text(LIMITS.title + LIMITS.text + 100, { description: 'The reason in words' })
}, { additionalProperties: false })

const RankedPractice = Type.Object({
  rank: Int(1, LIMITS.collection),
  id: Id(),
  title: Title(),
  summary: Paragraph(),
  // Only practices that scored above zero are ranked.
  score: Int(1, REASONS_MAX * LIMITS.weight),
  effort: EffortEnum,
  reasons: List(ReasonSchema, REASONS_MAX),
  links: SelfLink
}, { additionalProperties: false })

export const Suggestions = Type.Object({
  model: Type.Object({
    threats: ThreatIds,
    activities: List(Id(), LIMITS.collection),
    constraints: Type.Object({ trustedVpn: Type.Boolean(), censoredNetwork: Type.Boolean(), maxEffort: EffortEnum }, { additionalProperties: false })
  }, { additionalProperties: false, description: 'The inputs as understood: sorted, deduplicated, defaults filled in' }),
  layout: Type.Object({
    id: Id(),
    title: Title(),
    summary: Paragraph(),
    // 0 for the default layout, which no rule chose.
    score: Int(0, LIMITS.collection * LIMITS.layoutScore),
    why: List(Type.Object({
      rule: Id(),
      inputs: List(ConditionInput, CONDITION_INPUTS_MAX),
      text: Paragraph()
    }, { additionalProperties: false }), LIMITS.collection),
    links: Type.Object({ self: Link(), chain: Link() }, { additionalProperties: false })
  }, { additionalProperties: false }),
  practices: List(RankedPractice, LIMITS.collection, { description: 'Ranked by score, then lower effort, then guide order' }),
  beyondEffort: List(RankedPractice, LIMITS.collection, { description: 'Raised by the model but needing more effort than maxEffort' }),
  warnings: List(Type.Object({ id: Id(), message: Paragraph(), source: ref(Source) }, { additionalProperties: false }), LIMITS.collection),
  unaddressed: List(Type.Object({
    threat: ThreatIdEnum,
    name: Title(),
    reason: Type.Enum(['qubes-helps-little', 'no-practice-within-effort']),
    explanation: Paragraph(),
    readMore: Sources
  }, { additionalProperties: false }), THREAT_IDS.length, { description: 'Threats of the model the plan does not address, and why' }),
  release: Type.Object({ version: ReleaseVersion(), contentHash: ContentHash() }, { additionalProperties: false }),
  links: Type.Object({
    // A model sent by POST may name up to 32 activities, so its GET URL can pass the URL limit a little.
    self: Text(2 * LINK_MAX_LENGTH, { description: 'The shareable, cacheable GET URL of this plan' })
  }, { additionalProperties: false }),
  translation: ref(Translation)
}, { $id: 'Suggestions', additionalProperties: false })

export const threatModelModels = [ThreatSummary, ThreatList, PracticeSummary, Threat, ActivityList, PracticeList, Practice, QuestionList, SuggestionRequest, Suggestions]
