import Type, { type Static, type TArray, type TObject, type TSchema, type TString } from 'typebox'
import { LIMITS } from './limits.js'

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

export const Slug = Type.String({ pattern: SLUG_PATTERN, maxLength: LIMITS.id })
const NonEmptyText = (maxLength: number): TString => Type.String({ minLength: 1, maxLength, pattern: '\\S' })
export const QubesReleaseText = Type.String({ pattern: '^[0-9]+\\.[0-9]+$', maxLength: 16 })

/** A list inside one document (tags, sources, steps, notes, …): at most LIMITS.list items. */
export function ListOf<T extends TSchema> (item: T, options: { minItems?: number, uniqueItems?: boolean } = {}): TArray<T> {
  return Type.Array(item, { ...options, maxItems: LIMITS.list })
}

export const SourceFile = Type.Object({
  url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: LIMITS.url }),
  title: NonEmptyText(LIMITS.title)
}, { additionalProperties: false })

function localised (maxLength: number): TObject<{ en: TString, ru: TString }> {
  return Type.Object({ en: NonEmptyText(maxLength), ru: NonEmptyText(maxLength) }, { additionalProperties: false })
}
/** A title, name or question in both languages. */
export const LocalisedTitle = localised(LIMITS.title)
/** A paragraph in both languages: a summary, purpose, note, step, reason, … */
export const LocalisedParagraph = localised(LIMITS.text)

export const CorrectionFile = Type.Object({
  claim: LocalisedParagraph,
  correction: LocalisedParagraph,
  source: SourceFile
}, { additionalProperties: false })

export const TopicMetaFile = Type.Object({
  order: Type.Integer({ minimum: 0 }),
  tags: ListOf(Slug, { minItems: 1, uniqueItems: true }),
  related: Type.Optional(ListOf(Slug, { uniqueItems: true })),
  qubesRelease: QubesReleaseText,
  reviewedAt: Type.String({ format: 'date' }),
  seedSection: Type.Optional(Type.Enum([...SEED_SECTIONS])),
  status: Type.Optional(Type.Enum(['current', 'superseded'])),
  supersededBy: Type.Optional(Slug),
  sources: ListOf(SourceFile, { minItems: 1 }),
  corrections: Type.Optional(ListOf(CorrectionFile))
}, { additionalProperties: false })
export type TopicMetaFile = Static<typeof TopicMetaFile>

export const TopicTextFrontMatter = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 160, pattern: '\\S' }),
  summary: Type.String({ minLength: 1, maxLength: 320, pattern: '\\S' })
}, { additionalProperties: false })
export type TopicTextFrontMatter = Static<typeof TopicTextFrontMatter>
