import Type, { type Static } from 'typebox'

/** Schemas of the files in data/: what an editor may write, checked before anything is stored. */

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$'

export const SEED_SECTIONS = [
  'how-does-qubes-os-work',
  'why-should-i-use-qubes',
  'copying-and-pasting-text',
  'file-exchange',
  'inter-vm-interactions',
  'connecting-to-tor-via-a-vpn',
  'additional-resources'
] as const

const Slug = Type.String({ pattern: SLUG_PATTERN })
const NonEmptyText = Type.String({ minLength: 1, pattern: '\\S' })

export const SourceFile = Type.Object({
  url: Type.String({ pattern: '^https?://[^\\s]+$' }),
  title: NonEmptyText
}, { additionalProperties: false })

const LocalisedText = Type.Object({
  en: NonEmptyText,
  ru: NonEmptyText
}, { additionalProperties: false })

export const CorrectionFile = Type.Object({
  claim: LocalisedText,
  correction: LocalisedText,
  source: SourceFile
}, { additionalProperties: false })

export const TopicMetaFile = Type.Object({
  order: Type.Integer({ minimum: 0 }),
  tags: Type.Array(Slug, { minItems: 1, uniqueItems: true }),
  related: Type.Optional(Type.Array(Slug, { uniqueItems: true })),
  qubesRelease: Type.String({ pattern: '^[0-9]+\\.[0-9]+$' }),
  reviewedAt: Type.String({ format: 'date' }),
  seedSection: Type.Optional(Type.Enum([...SEED_SECTIONS])),
  status: Type.Optional(Type.Enum(['current', 'superseded'])),
  supersededBy: Type.Optional(Slug),
  sources: Type.Array(SourceFile, { minItems: 1 }),
  corrections: Type.Optional(Type.Array(CorrectionFile))
}, { additionalProperties: false })
export type TopicMetaFile = Static<typeof TopicMetaFile>

export const TopicTextFrontMatter = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 160, pattern: '\\S' }),
  summary: Type.String({ minLength: 1, maxLength: 320, pattern: '\\S' })
}, { additionalProperties: false })
export type TopicTextFrontMatter = Static<typeof TopicTextFrontMatter>
