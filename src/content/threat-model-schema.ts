import Type, { type Static } from 'typebox'
import { LIMITS } from './limits.js'
import { ListOf, LocalisedParagraph, LocalisedTitle, Slug as Id, SourceFile } from './schemas.js'
import { THREAT_IDS } from './threats.js'

/** Schemas of the threat-model files in data/ (see data/README.md). */

const ThreatIdSchema = Type.Enum([...THREAT_IDS])
export const EFFORTS = ['low', 'medium', 'high'] as const
export type Effort = typeof EFFORTS[number]
export const QUESTION_FILLS = ['threats', 'activities', 'constraints.trustedVpn', 'constraints.censoredNetwork', 'constraints.maxEffort'] as const

export const ThreatsFile = Type.Array(Type.Object({
  id: ThreatIdSchema,
  order: Type.Integer({ minimum: 0 }),
  name: LocalisedTitle,
  summary: LocalisedParagraph,
  inQubes: LocalisedParagraph,
  qubesHelps: Type.Enum(['strongly', 'partly', 'little']),
  coverage: LocalisedParagraph,
  readMore: ListOf(SourceFile),
  sources: ListOf(SourceFile, { minItems: 1 })
}, { additionalProperties: false }), { minItems: 1 })
export type ThreatsFile = Static<typeof ThreatsFile>

export const ActivitiesFile = Type.Array(Type.Object({
  id: Id,
  order: Type.Integer({ minimum: 0 }),
  name: LocalisedTitle,
  description: LocalisedParagraph
}, { additionalProperties: false }), { minItems: 1, maxItems: LIMITS.collection })
export type ActivitiesFile = Static<typeof ActivitiesFile>

export const QuestionsFile = Type.Array(Type.Object({
  id: Id,
  order: Type.Integer({ minimum: 0 }),
  question: LocalisedTitle,
  explanation: LocalisedParagraph,
  fills: Type.Array(Type.Enum([...QUESTION_FILLS]), { minItems: 1, uniqueItems: true }),
  source: SourceFile
}, { additionalProperties: false }), { minItems: 1, maxItems: LIMITS.collection })
export type QuestionsFile = Static<typeof QuestionsFile>

export const PracticeFile = Type.Object({
  order: Type.Integer({ minimum: 0 }),
  effort: Type.Enum([...EFFORTS]),
  title: LocalisedTitle,
  summary: LocalisedParagraph,
  why: LocalisedParagraph,
  steps: ListOf(Type.Object({
    text: LocalisedParagraph,
    command: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.text })),
    where: Type.Optional(Type.Enum(['dom0', 'qube', 'template']))
  }, { additionalProperties: false }), { minItems: 1 }),
  mitigates: Type.Array(Type.Object({ threat: ThreatIdSchema, how: LocalisedParagraph }, { additionalProperties: false }), { minItems: 1, maxItems: THREAT_IDS.length }),
  activities: ListOf(Id, { uniqueItems: true }),
  residualRisks: ListOf(LocalisedParagraph, { minItems: 1 }),
  relatedTopics: ListOf(Id, { uniqueItems: true }),
  relatedLayouts: ListOf(Id, { uniqueItems: true }),
  sources: ListOf(SourceFile, { minItems: 1 })
}, { additionalProperties: false })
export type PracticeFile = Static<typeof PracticeFile>

const Condition = Type.Object({
  always: Type.Optional(Type.Literal(true)),
  threats: Type.Optional(Type.Array(ThreatIdSchema, { minItems: 1, maxItems: THREAT_IDS.length })),
  activities: Type.Optional(ListOf(Id, { minItems: 1 })),
  constraints: Type.Optional(Type.Object({
    trustedVpn: Type.Optional(Type.Boolean()),
    censoredNetwork: Type.Optional(Type.Boolean()),
    maxEffort: Type.Optional(Type.Enum([...EFFORTS]))
  }, { additionalProperties: false }))
}, { additionalProperties: false })
export type Condition = Static<typeof Condition>

export const RulesFile = Type.Object({
  linkWeights: Type.Object({
    threat: Type.Integer({ minimum: 0, maximum: LIMITS.weight }),
    activity: Type.Integer({ minimum: 0, maximum: LIMITS.weight })
  }, { additionalProperties: false }),
  defaultLayout: Id,
  practiceRules: Type.Array(Type.Object({
    id: Id,
    when: Condition,
    raise: Type.Record(Id, Type.Integer({ minimum: -LIMITS.weight, maximum: LIMITS.weight })),
    because: LocalisedParagraph
  }, { additionalProperties: false }), { minItems: 1, maxItems: LIMITS.collection }),
  layoutRules: Type.Array(Type.Object({
    id: Id,
    when: Condition,
    layout: Id,
    score: Type.Integer({ minimum: 1, maximum: LIMITS.layoutScore }),
    because: LocalisedParagraph
  }, { additionalProperties: false }), { minItems: 1, maxItems: LIMITS.collection }),
  warnings: Type.Array(Type.Object({
    id: Id,
    when: Condition,
    message: LocalisedParagraph,
    source: SourceFile
  }, { additionalProperties: false }), { maxItems: LIMITS.collection })
}, { additionalProperties: false })
export type RulesFile = Static<typeof RulesFile>
