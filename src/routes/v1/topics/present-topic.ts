import type { Localiser } from '../../../domain/localise.js'
import type { TopicRecord, TopicSummaryRecord } from '../../../store/topics-repository.js'
import type { Topic, TopicSummary } from '../../../schemas/topic.js'

export function topicLinks (slug: string): { self: string, markdown: string } {
  return { self: `/v1/topics/${slug}`, markdown: `/v1/topics/${slug}.md` }
}

export function presentTopicSummary (record: TopicSummaryRecord, localiser: Localiser): TopicSummary {
  const text = localiser.pick('title', record.texts)
  return {
    slug: record.slug,
    title: text.title,
    summary: localiser.pick('summary', record.texts).summary,
    tags: record.tags,
    status: record.status,
    supersededBy: record.supersededBy,
    links: topicLinks(record.slug)
  }
}

export function presentTopic (record: TopicRecord, localiser: Localiser): Omit<Topic, 'translation'> {
  const body = localiser.pick('body', record.texts)
  const correctionsByPosition = new Map<number, Partial<Record<string, TopicRecord['corrections'][number]>>>()
  for (const correction of record.corrections) {
    const byLocale = correctionsByPosition.get(correction.position) ?? {}
    byLocale[correction.locale] = correction
    correctionsByPosition.set(correction.position, byLocale)
  }
  return {
    slug: record.slug,
    title: localiser.pick('title', record.texts).title,
    summary: localiser.pick('summary', record.texts).summary,
    status: record.status,
    supersededBy: record.supersededBy,
    tags: record.tags,
    qubesRelease: record.qubesRelease,
    reviewedAt: record.reviewedAt,
    seedSection: record.seedSection,
    sections: body.sections,
    bodyMarkdown: body.bodyMarkdown,
    bodyHtml: body.bodyHtml,
    related: record.related.map((related) => ({
      slug: related.slug,
      title: localiser.pick('related', related.texts).title,
      links: topicLinks(related.slug)
    })),
    sources: record.sources,
    corrections: [...correctionsByPosition.values()].map((byLocale) => {
      const correction = localiser.pick('corrections', byLocale)
      return { claim: correction.claim, correction: correction.correction, source: { url: correction.sourceUrl, title: correction.sourceTitle } }
    }),
    links: topicLinks(record.slug)
  }
}
