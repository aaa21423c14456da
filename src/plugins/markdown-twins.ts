import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Locale } from '../content/locales.js'
import { layoutToMarkdown, practiceToMarkdown } from '../domain/document-markdown.js'
import { EXPORT_FORMAT_NAMES } from '../domain/layouts/catalogue.js'
import { Localiser } from '../domain/localise.js'
import { topicToMarkdown } from '../domain/topic-markdown.js'
import { presentTopic } from '../routes/v1/topics/present-topic.js'

declare module 'fastify' {
  interface FastifyInstance {
    markdownTwins: MarkdownTwins
  }
}

export interface MarkdownDocument {
  kind: 'topic' | 'practice' | 'layout'
  id: string
  title: string
  summary: string
  url: string
  markdown: string
}

/**
 * The Markdown twin of every topic, practice and layout, per language, rendered once on first use:
 * the content cannot change while the process serves one release.
 */
export class MarkdownTwins {
  private readonly cache = new Map<Locale, MarkdownDocument[]>()

  constructor (private readonly app: FastifyInstance) {}

  all (locale: Locale): MarkdownDocument[] {
    let documents = this.cache.get(locale)
    if (documents === undefined) {
      documents = [...this.topics(locale), ...this.practices(locale), ...this.layouts(locale)]
      this.cache.set(locale, documents)
    }
    return documents
  }

  find (kind: MarkdownDocument['kind'], id: string, locale: Locale): MarkdownDocument | undefined {
    return this.all(locale).find((document) => document.kind === kind && document.id === id)
  }

  private topics (locale: Locale): MarkdownDocument[] {
    const localiser = new Localiser({ requested: locale, served: locale })
    const { topics } = this.app.guide
    return topics.list({ tag: null, afterPosition: -1, limit: 10_000, locale }).flatMap((summary) => {
      const record = topics.get(summary.slug, locale)
      if (record === undefined) return []
      const topic = presentTopic(record, localiser)
      return [{ kind: 'topic' as const, id: topic.slug, title: topic.title, summary: topic.summary, url: `/v1/topics/${topic.slug}.md`, markdown: topicToMarkdown(topic, locale) }]
    })
  }

  private practices (locale: Locale): MarkdownDocument[] {
    const content = this.app.guide.suggestions.content
    const threatNames = new Map(content.threats.map((threat) => [threat.id, threat.name[locale]]))
    const topicTitles = this.app.guide.topics.titles(locale)
    return content.practices.map((practice) => ({
      kind: 'practice' as const,
      id: practice.id,
      title: practice.title[locale],
      summary: practice.summary[locale],
      url: `/v1/practices/${practice.id}.md`,
      markdown: practiceToMarkdown({
        title: practice.title[locale],
        summary: practice.summary[locale],
        why: practice.why[locale],
        effort: practice.effort,
        steps: practice.steps.map((step) => ({ text: step.text[locale], command: step.command ?? null, where: step.where ?? null })),
        mitigates: practice.mitigates.map((mitigation) => ({ name: threatNames.get(mitigation.threat) ?? mitigation.threat, how: mitigation.how[locale] })),
        residualRisks: practice.residualRisks.map((risk) => risk[locale]),
        related: [
          ...practice.relatedTopics.map((slug) => ({ title: topicTitles.get(slug)?.[locale] ?? slug, url: `/v1/topics/${slug}.md` })),
          ...practice.relatedLayouts.map((id) => ({ title: this.app.guide.layouts.get(id)?.title[locale] ?? id, url: `/v1/layouts/${id}.md` }))
        ],
        sources: practice.sources,
        url: `/v1/practices/${practice.id}`
      }, locale)
    }))
  }

  private layouts (locale: Locale): MarkdownDocument[] {
    const catalogue = this.app.guide.layouts
    const topicTitles = this.app.guide.topics.titles(locale)
    return catalogue.layouts.map((layout) => ({
      kind: 'layout' as const,
      id: layout.id,
      title: layout.title[locale],
      summary: layout.summary[locale],
      url: `/v1/layouts/${layout.id}.md`,
      markdown: layoutToMarkdown({
        title: layout.title[locale],
        summary: layout.summary[locale],
        qubesRelease: layout.qubesRelease,
        chainSummary: catalogue.chain(layout, layout.mainQube)?.summary[locale] ?? null,
        qubes: layout.qubes.map((qube) => ({ name: qube.name, class: qube.class, label: qube.label, netvm: qube.netvm, purpose: qube.purpose[locale] })),
        notes: layout.notes.map((note) => note[locale]),
        threats: layout.threats,
        related: layout.relatedTopics.map((slug) => ({ title: topicTitles.get(slug)?.[locale] ?? slug, url: `/v1/topics/${slug}.md` })),
        sources: layout.sources,
        exports: EXPORT_FORMAT_NAMES.map((format) => ({ title: format, url: `/v1/layouts/${layout.id}/export?format=${format}` })),
        url: `/v1/layouts/${layout.id}`
      }, locale)
    }))
  }
}

async function markdownTwins (app: FastifyInstance): Promise<void> {
  // Rendered on first use (a few hundred milliseconds for both languages) rather than at start-up,
  // which is kept short for restarts; after that every request is served from memory.
  app.decorate('markdownTwins', new MarkdownTwins(app))
}

export default fp(markdownTwins, { name: 'markdown-twins', fastify: '5.x', dependencies: ['guide-store'] })
