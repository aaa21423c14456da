import Type, { type Static } from 'typebox'
import { ref, Slug, Source, Translation } from './common.js'

const TopicLinks = Type.Object({
  self: Type.String({ description: 'This topic in JSON', examples: ['/v1/topics/copying-text'] }),
  markdown: Type.String({ description: 'This topic as Markdown', examples: ['/v1/topics/copying-text.md'] })
}, { additionalProperties: false })

const TopicStatus = Type.Enum(['current', 'superseded'], { description: 'A superseded topic names its replacement in supersededBy' })

export const TopicSummary = Type.Object({
  slug: Slug,
  title: Type.String(),
  summary: Type.String(),
  tags: Type.Array(Type.String()),
  status: TopicStatus,
  supersededBy: Type.Union([Slug, Type.Null()]),
  links: TopicLinks
}, { $id: 'TopicSummary', additionalProperties: false })
export type TopicSummary = Static<typeof TopicSummary>

export const TopicList = Type.Object({
  items: Type.Array(ref(TopicSummary)),
  next: Type.Union([Type.String(), Type.Null()], { description: 'The next page, or null on the last page (also in the Link header)' }),
  translation: ref(Translation)
}, { $id: 'TopicList', additionalProperties: false })
export type TopicList = Static<typeof TopicList>

export const Section = Type.Object({
  anchor: Type.String({ description: 'The heading id in bodyHtml; the same in every language' }),
  level: Type.Integer({ minimum: 2, maximum: 3 }),
  title: Type.String()
}, { $id: 'Section', additionalProperties: false })

export const Correction = Type.Object({
  claim: Type.String({ description: 'What the original guide says' }),
  correction: Type.String({ description: 'What is true' }),
  source: ref(Source)
}, { $id: 'Correction', additionalProperties: false, description: 'A place where the Privacy Guides page this guide started from is inaccurate' })

export const Topic = Type.Object({
  slug: Slug,
  title: Type.String(),
  summary: Type.String(),
  status: TopicStatus,
  supersededBy: Type.Union([Slug, Type.Null()]),
  tags: Type.Array(Type.String()),
  qubesRelease: Type.String({ description: 'The Qubes OS release the topic describes', examples: ['4.3'] }),
  reviewedAt: Type.String({ format: 'date', description: 'When the text was last checked against its sources' }),
  seedSection: Type.Union([Type.String(), Type.Null()], {
    description: 'The section of Privacy Guides\' "Qubes Overview" this topic covers, as its anchor on that page'
  }),
  sections: Type.Array(ref(Section)),
  bodyMarkdown: Type.String(),
  bodyHtml: Type.String({ description: 'The body rendered to HTML; raw HTML in the source is escaped, never passed through' }),
  related: Type.Array(Type.Object({
    slug: Slug,
    title: Type.String(),
    links: TopicLinks
  }, { additionalProperties: false })),
  sources: Type.Array(ref(Source)),
  corrections: Type.Array(ref(Correction)),
  links: TopicLinks,
  translation: ref(Translation)
}, { $id: 'Topic', additionalProperties: false })
export type Topic = Static<typeof Topic>

export const topicModels = [TopicSummary, TopicList, Section, Correction, Topic]
