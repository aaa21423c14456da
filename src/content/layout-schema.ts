import Type, { type Static } from 'typebox'
import { QUBE_CLASSES, QUBE_ROLES } from '../domain/layouts/model.js'
import { SLUG_PATTERN, SourceFile } from './schemas.js'
import { THREAT_IDS } from './threats.js'

/** The schema of data/layouts/<id>.yaml (see data/README.md). */

const LocalisedText = Type.Object({
  en: Type.String({ minLength: 1, pattern: '\\S' }),
  ru: Type.String({ minLength: 1, pattern: '\\S' })
}, { additionalProperties: false })

// Names are checked by the layout checker, which knows Qubes' own rules and says which one failed.
const QubeName = Type.String({ minLength: 1, maxLength: 64 })
const FeatureOrServiceName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', maxLength: 64 })

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
  purpose: LocalisedText,
  defaultDispvm: Type.Optional(Type.Union([QubeName, Type.Null()])),
  services: Type.Optional(Type.Array(FeatureOrServiceName, { uniqueItems: true })),
  features: Type.Optional(Type.Record(FeatureOrServiceName, Type.String({ maxLength: 256 }))),
  tags: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 64 }), { uniqueItems: true }))
}, { additionalProperties: false })
export type QubeFile = Static<typeof QubeFile>

export const LayoutFile = Type.Object({
  order: Type.Integer({ minimum: 0 }),
  qubesRelease: Type.String({ pattern: '^[0-9]+\\.[0-9]+$' }),
  reviewedAt: Type.String({ format: 'date' }),
  mainQube: QubeName,
  threats: Type.Array(Type.Enum([...THREAT_IDS]), { minItems: 1, uniqueItems: true }),
  relatedTopics: Type.Array(Type.String({ pattern: SLUG_PATTERN }), { uniqueItems: true }),
  title: LocalisedText,
  summary: LocalisedText,
  notes: Type.Optional(Type.Array(LocalisedText)),
  sources: Type.Array(SourceFile, { minItems: 1 }),
  qubes: Type.Array(QubeFile, { minItems: 1, maxItems: 200 })
}, { additionalProperties: false })
export type LayoutFile = Static<typeof LayoutFile>
