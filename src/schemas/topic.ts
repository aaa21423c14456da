import Type, { type Static } from 'typebox'
import { DateText, Id, Int, LIMITS, Link, List, Paragraph, QubesRelease, Text, Title } from './bounds.js'
import { ref, Slug, Source, Translation } from './common.js'

/** The most topics one page of /v1/topics holds (the route's limit parameter). */
export const TOPIC_PAGE_MAX = 100

const TopicLinks = Type.Object({
  self: Link({ description: 'This topic in JSON', examples: ['/v1/topics/copying-text'] }),
  markdown: Link({ description: 'This topic as Markdown', examples: ['/v1/topics/copying-text.md'] })
}, { additionalProperties: false })

const TopicStatus = Type.Enum(['current', 'superseded'], { description: 'A superseded topic names its replacement in supersededBy' })
const Tags = List(Id(), LIMITS.list)

export const TopicSummary = Type.Object({
  slug: Slug,
  title: Title(),
  summary: Paragraph(),
  tags: Tags,
  status: TopicStatus,
  supersededBy: Type.Union([Slug, Type.Null()]),
  links: TopicLinks
}, { $id: 'TopicSummary', additionalProperties: false })
export type TopicSummary = Static<typeof TopicSummary>

export const TopicList = Type.Object({
  items: List(ref(TopicSummary), TOPIC_PAGE_MAX),
  next: Type.Union([Link(), Type.Null()], { description: 'The next page, or null on the last page (also in the Link header)' }),
  translation: ref(Translation)
}, { $id: 'TopicList', additionalProperties: false })
export type TopicList = Static<typeof TopicList>

export const Section = Type.Object({
  anchor: Id({ description: 'The heading id in bodyHtml; the same in every language' }),
  level: Int(2, 3),
  title: Title()
}, { $id: 'Section', additionalProperties: false })

export const Correction = Type.Object({
  claim: Paragraph({ description: 'What the original guide says' }),
  correction: Paragraph({ description: 'What is true' }),
  source: ref(Source)
}, { $id: 'Correction', additionalProperties: false, description: 'A place where the Privacy Guides page this guide started from is inaccurate' })

export const Topic = Type.Object({
  slug: Slug,
  title: Title(),
  summary: Paragraph(),
  status: TopicStatus,
  supersededBy: Type.Union([Slug, Type.Null()]),
  tags: Tags,
  qubesRelease: QubesRelease({ description: 'The Qubes OS release the topic describes', examples: ['4.3'] }),
  reviewedAt: DateText({ description: 'When the text was last checked against its sources' }),
  seedSection: Type.Union([Id(), Type.Null()], {
    description: 'The section of Privacy Guides\' "Qubes Overview" this topic covers, as its anchor on that page'
  }),
  sections: List(ref(Section), LIMITS.list),
  bodyMarkdown: Text(LIMITS.body),
  bodyHtml: Text(LIMITS.bodyHtml, { description: 'The body rendered to HTML; raw HTML in the source is escaped, never passed through' }),
  related: List(Type.Object({
    slug: Slug,
    title: Title(),
    links: TopicLinks
  }, { additionalProperties: false }), LIMITS.list),
  sources: List(ref(Source), LIMITS.list),
  corrections: List(ref(Correction), LIMITS.list),
  links: TopicLinks,
  translation: ref(Translation)
}, { $id: 'Topic', additionalProperties: false })
export type Topic = Static<typeof Topic>

export const topicModels = [TopicSummary, TopicList, Section, Correction, Topic]
