import Type, { type Static } from 'typebox'
import { QUBE_CLASSES, QUBE_ROLES } from '../domain/layouts/model.js'
import { LIMITS } from './limits.js'
import { ListOf, LocalisedParagraph, LocalisedTitle, QubesReleaseText, Slug, SourceFile } from './schemas.js'
import { THREAT_IDS } from './threats.js'

/** The schema of data/layouts/<id>.yaml (see data/README.md). */

// Names are checked by the layout checker, which knows Qubes' own rules and says which one failed.
const QubeName = Type.String({ minLength: 1, maxLength: LIMITS.qubeName })
const FeatureOrServiceName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', maxLength: LIMITS.qubeName })

export const QubeFile = Type.Object({
  name: QubeName,
  class: Type.Enum([...QUBE_CLASSES]),
  template: Type.Optional(Type.Union([QubeName, Type.Null()])),
  label: Type.String({ minLength: 1, maxLength: 32 }),
  providesNetwork: Type.Boolean(),
  netvm: Type.Union([QubeName, Type.Null()]),
  disposableTemplate: Type.Optional(Type.Boolean()),
  preinstalled: Type.Boolean(),
  role: Type.Enum([...QUBE_ROLES]),
  purpose: LocalisedParagraph,
  defaultDispvm: Type.Optional(Type.Union([QubeName, Type.Null()])),
  services: Type.Optional(Type.Array(FeatureOrServiceName, { uniqueItems: true, maxItems: LIMITS.qubeSettings })),
  features: Type.Optional(Type.Record(FeatureOrServiceName, Type.String({ maxLength: LIMITS.featureValue }), { maxProperties: LIMITS.qubeSettings })),
  tags: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: LIMITS.qubeName }), { uniqueItems: true, maxItems: LIMITS.qubeSettings }))
}, { additionalProperties: false })
export type QubeFile = Static<typeof QubeFile>

export const LayoutFile = Type.Object({
  order: Type.Integer({ minimum: 0 }),
  qubesRelease: QubesReleaseText,
  reviewedAt: Type.String({ format: 'date' }),
  mainQube: QubeName,
  threats: Type.Array(Type.Enum([...THREAT_IDS]), { minItems: 1, uniqueItems: true }),
  relatedTopics: ListOf(Slug, { uniqueItems: true }),
  title: LocalisedTitle,
  summary: LocalisedParagraph,
  notes: Type.Optional(ListOf(LocalisedParagraph)),
  sources: ListOf(SourceFile, { minItems: 1 }),
  qubes: Type.Array(QubeFile, { minItems: 1, maxItems: LIMITS.qubes })
}, { additionalProperties: false })
export type LayoutFile = Static<typeof LayoutFile>
