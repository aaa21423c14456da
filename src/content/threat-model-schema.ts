import Type, { type Static } from 'typebox'
import { SLUG_PATTERN, SourceFile } from './schemas.js'
import { THREAT_IDS } from './threats.js'

/** Schemas of the threat-model files in data/ (see data/README.md). */

const Text = Type.String({ minLength: 1, pattern: '\\S' })
export const LocalisedText = Type.Object({ en: Text, ru: Text }, { additionalProperties: false })
const Id = Type.String({ pattern: SLUG_PATTERN, maxLength: 64 })
const ThreatIdSchema = Type.Enum([...THREAT_IDS])
export const EFFORTS = ['low', 'medium', 'high'] as const
export type Effort = typeof EFFORTS[number]
export const QUESTION_FILLS = ['threats', 'activities', 'constraints.trustedVpn', 'constraints.censoredNetwork', 'constraints.maxEffort'] as const

export const ThreatsFile = Type.Array(Type.Object({
  id: ThreatIdSchema,
  order: Type.Integer({ minimum: 0 }),
  name: LocalisedText,
  summary: LocalisedText,
  inQubes: LocalisedText,
  qubesHelps: Type.Enum(['strongly', 'partly', 'little']),
  coverage: LocalisedText,
  readMore: Type.Array(SourceFile),
  sources: Type.Array(SourceFile, { minItems: 1 })
}, { additionalProperties: false }), { minItems: 1 })
export type ThreatsFile = Static<typeof ThreatsFile>

export const ActivitiesFile = Type.Array(Type.Object({
  id: Id,
  order: Type.Integer({ minimum: 0 }),
  name: LocalisedText,
  description: LocalisedText
}, { additionalProperties: false }), { minItems: 1 })
export type ActivitiesFile = Static<typeof ActivitiesFile>

export const QuestionsFile = Type.Array(Type.Object({
  id: Id,
  order: Type.Integer({ minimum: 0 }),
  question: LocalisedText,
  explanation: LocalisedText,
  fills: Type.Array(Type.Enum([...QUESTION_FILLS]), { minItems: 1, uniqueItems: true }),
  source: SourceFile
}, { additionalProperties: false }), { minItems: 1 })
export type QuestionsFile = Static<typeof QuestionsFile>

export const PracticeFile = Type.Object({
  order: Type.Integer({ minimum: 0 }),
  effort: Type.Enum([...EFFORTS]),
  title: LocalisedText,
  summary: LocalisedText,
  why: LocalisedText,
  steps: Type.Array(Type.Object({
    text: LocalisedText,
    command: Type.Optional(Type.String({ minLength: 1 })),
    where: Type.Optional(Type.Enum(['dom0', 'qube', 'template']))
  }, { additionalProperties: false }), { minItems: 1 }),
  mitigates: Type.Array(Type.Object({ threat: ThreatIdSchema, how: LocalisedText }, { additionalProperties: false }), { minItems: 1 }),
  activities: Type.Array(Id, { uniqueItems: true }),
  residualRisks: Type.Array(LocalisedText, { minItems: 1 }),
  relatedTopics: Type.Array(Id, { uniqueItems: true }),
  relatedLayouts: Type.Array(Id, { uniqueItems: true }),
  sources: Type.Array(SourceFile, { minItems: 1 })
}, { additionalProperties: false })
export type PracticeFile = Static<typeof PracticeFile>

const Condition = Type.Object({
  always: Type.Optional(Type.Literal(true)),
  threats: Type.Optional(Type.Array(ThreatIdSchema, { minItems: 1 })),
  activities: Type.Optional(Type.Array(Id, { minItems: 1 })),
  constraints: Type.Optional(Type.Object({
    trustedVpn: Type.Optional(Type.Boolean()),
    censoredNetwork: Type.Optional(Type.Boolean()),
    maxEffort: Type.Optional(Type.Enum([...EFFORTS]))
  }, { additionalProperties: false }))
}, { additionalProperties: false })
export type Condition = Static<typeof Condition>

export const RulesFile = Type.Object({
  linkWeights: Type.Object({
    threat: Type.Integer({ minimum: 0, maximum: 100 }),
    activity: Type.Integer({ minimum: 0, maximum: 100 })
  }, { additionalProperties: false }),
  defaultLayout: Id,
  practiceRules: Type.Array(Type.Object({
    id: Id,
    when: Condition,
    raise: Type.Record(Id, Type.Integer({ minimum: -100, maximum: 100 })),
    because: LocalisedText
  }, { additionalProperties: false }), { minItems: 1 }),
  layoutRules: Type.Array(Type.Object({
    id: Id,
    when: Condition,
    layout: Id,
    score: Type.Integer({ minimum: 1, maximum: 1000 }),
    because: LocalisedText
  }, { additionalProperties: false }), { minItems: 1 }),
  warnings: Type.Array(Type.Object({
    id: Id,
    when: Condition,
    message: LocalisedText,
    source: SourceFile
  }, { additionalProperties: false }))
}, { additionalProperties: false })
export type RulesFile = Static<typeof RulesFile>
