import type { Database, Statement } from 'better-sqlite3'
import type { Locale } from '../content/locales.js'
import type { Section } from '../content/markdown.js'

export interface TopicTextRow {
  locale: Locale
  title: string
  summary: string
}

export interface TopicSummaryRecord {
  slug: string
  position: number
  status: 'current' | 'superseded'
  supersededBy: string | null
  tags: string[]
  /** Texts keyed by locale: always 'en', and the requested locale where it exists. */
  texts: Partial<Record<Locale, TopicTextRow>>
}

export interface TopicBodyRow extends TopicTextRow {
  bodyMarkdown: string
  bodyHtml: string
  sections: Section[]
}

export interface TopicRecord extends Omit<TopicSummaryRecord, 'texts'> {
  qubesRelease: string
  reviewedAt: string
  seedSection: string | null
  texts: Partial<Record<Locale, TopicBodyRow>>
  related: Array<{ slug: string, texts: Partial<Record<Locale, TopicTextRow>> }>
  sources: Array<{ url: string, title: string }>
  corrections: Array<{ position: number, locale: Locale, claim: string, correction: string, sourceUrl: string, sourceTitle: string }>
}

interface TopicRow {
  slug: string
  position: number
  status: 'current' | 'superseded'
  supersededBy: string | null
  qubesRelease: string
  reviewedAt: string
  seedSection: string | null
}

export interface ListTopicsQuery {
  tag: string | null
  afterPosition: number
  limit: number
  locale: Locale
}

/** Read access to topics; every statement is prepared once, when the repository is made. */
export class TopicsRepository {
  private readonly listStatement: Statement<[{ tag: string | null, after: number, limit: number }], TopicRow>
  private readonly topicStatement: Statement<[string], TopicRow>
  private readonly textsStatement: Statement<[{ slug: string, locale: Locale }], TopicTextRow & { bodyMarkdown: string, bodyHtml: string }>
  private readonly sectionsStatement: Statement<[{ slug: string, locale: Locale }], Section & { locale: Locale }>
  private readonly tagsStatement: Statement<[string], { tag: string }>
  private readonly relatedStatement: Statement<[string], { slug: string }>
  private readonly sourcesStatement: Statement<[string], { url: string, title: string }>
  private readonly correctionsStatement: Statement<[{ slug: string, locale: Locale }], TopicRecord['corrections'][number]>
  private readonly allTitlesStatement: Statement<[{ locale: Locale }], { slug: string, locale: Locale, title: string }>
  private readonly titlesStatement: Statement<[{ slug: string, locale: Locale }], TopicTextRow>

  constructor (db: Database) {
    const topicColumns = `t.slug, t.position, t.status, t.superseded_by AS supersededBy, t.qubes_release AS qubesRelease,
      t.reviewed_at AS reviewedAt, t.seed_section AS seedSection`
    this.listStatement = db.prepare(`SELECT ${topicColumns} FROM topic t
      WHERE t.position > @after
        AND (@tag IS NULL OR EXISTS (SELECT 1 FROM topic_tag g WHERE g.slug = t.slug AND g.tag = @tag))
      ORDER BY t.position LIMIT @limit`)
    this.topicStatement = db.prepare(`SELECT ${topicColumns} FROM topic t WHERE t.slug = ?`)
    // 'en' is always fetched beside the requested locale so that missing fields can fall back to it.
    this.textsStatement = db.prepare(`SELECT locale, title, summary, body_markdown AS bodyMarkdown, body_html AS bodyHtml
      FROM topic_text WHERE slug = @slug AND locale IN ('en', @locale)`)
    this.sectionsStatement = db.prepare(`SELECT locale, anchor, level, title FROM topic_section
      WHERE slug = @slug AND locale IN ('en', @locale) ORDER BY locale, position`)
    this.titlesStatement = db.prepare(`SELECT locale, title, summary FROM topic_text
      WHERE slug = @slug AND locale IN ('en', @locale)`)
    this.allTitlesStatement = db.prepare("SELECT slug, locale, title FROM topic_text WHERE locale IN ('en', @locale)")
    this.tagsStatement = db.prepare('SELECT tag FROM topic_tag WHERE slug = ? ORDER BY tag')
    this.relatedStatement = db.prepare('SELECT related_slug AS slug FROM topic_related WHERE slug = ? ORDER BY position')
    this.sourcesStatement = db.prepare('SELECT url, title FROM topic_source WHERE slug = ? ORDER BY position')
    this.correctionsStatement = db.prepare(`SELECT position, locale, claim, correction, source_url AS sourceUrl, source_title AS sourceTitle
      FROM topic_correction WHERE slug = @slug AND locale IN ('en', @locale) ORDER BY position, locale`)
  }

  private textsFor (slug: string, locale: Locale): Partial<Record<Locale, TopicTextRow>> {
    const texts: Partial<Record<Locale, TopicTextRow>> = {}
    for (const row of this.titlesStatement.all({ slug, locale })) texts[row.locale] = row
    return texts
  }

  /** Every topic's title in English and in the requested locale, for links from other resources. */
  titles (locale: Locale): Map<string, Partial<Record<Locale, string>>> {
    const titles = new Map<string, Partial<Record<Locale, string>>>()
    for (const row of this.allTitlesStatement.all({ locale })) {
      titles.set(row.slug, { ...titles.get(row.slug), [row.locale]: row.title })
    }
    return titles
  }

  /** One page of topics in listing order, after the given position. */
  list (query: ListTopicsQuery): TopicSummaryRecord[] {
    return this.listStatement.all({ tag: query.tag, after: query.afterPosition, limit: query.limit }).map((row) => ({
      slug: row.slug,
      position: row.position,
      status: row.status,
      supersededBy: row.supersededBy,
      tags: this.tagsStatement.all(row.slug).map(({ tag }) => tag),
      texts: this.textsFor(row.slug, query.locale)
    }))
  }

  /** The whole topic, or undefined when no topic has this slug. */
  get (slug: string, locale: Locale): TopicRecord | undefined {
    const row = this.topicStatement.get(slug)
    if (row === undefined) return undefined
    const texts: Partial<Record<Locale, TopicBodyRow>> = {}
    for (const text of this.textsStatement.all({ slug, locale })) texts[text.locale] = { ...text, sections: [] }
    for (const { locale: sectionLocale, ...section } of this.sectionsStatement.all({ slug, locale })) {
      texts[sectionLocale]?.sections.push(section)
    }
    return {
      ...row,
      tags: this.tagsStatement.all(slug).map(({ tag }) => tag),
      texts,
      related: this.relatedStatement.all(slug).map((related) => ({ slug: related.slug, texts: this.textsFor(related.slug, locale) })),
      sources: this.sourcesStatement.all(slug),
      corrections: this.correctionsStatement.all({ slug, locale })
    }
  }
}
