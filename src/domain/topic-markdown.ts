import type { Locale } from '../content/locales.js'

export interface MarkdownTopic {
  slug: string
  title: string
  summary: string
  bodyMarkdown: string
  qubesRelease: string
  reviewedAt: string
  sources: Array<{ url: string, title: string }>
  corrections: Array<{ claim: string, correction: string, source: { url: string, title: string } }>
  links: { self: string }
}

const LABELS: Record<Locale, { sources: string, corrections: string, claim: string, fact: string, footer: (release: string, reviewed: string) => string }> = {
  en: {
    sources: 'Sources',
    corrections: 'Corrections to the original guide',
    claim: 'The original guide says',
    fact: 'In fact',
    footer: (release, reviewed) => `Qubes OS ${release} · reviewed ${reviewed}`
  },
  ru: {
    sources: 'Источники',
    corrections: 'Исправления к исходному руководству',
    claim: 'В исходном руководстве сказано',
    fact: 'На самом деле',
    footer: (release, reviewed) => `Qubes OS ${release} · проверено ${reviewed}`
  }
}

/** Escapes the characters that would change the meaning of text inside a Markdown link label. */
function linkLabel (text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1')
}

/** The Markdown twin of a topic: the body with its title, summary, sources and corrections around it. */
export function topicToMarkdown (topic: MarkdownTopic, locale: Locale): string {
  const labels = LABELS[locale]
  const lines = [`# ${topic.title}`, '', `> ${topic.summary}`, '', topic.bodyMarkdown, '']
  if (topic.corrections.length > 0) {
    lines.push(`## ${labels.corrections}`, '')
    for (const correction of topic.corrections) {
      lines.push(`- **${labels.claim}:** ${correction.claim}`,
        `  **${labels.fact}:** ${correction.correction} ([${linkLabel(correction.source.title)}](<${correction.source.url}>))`)
    }
    lines.push('')
  }
  lines.push(`## ${labels.sources}`, '')
  topic.sources.forEach((source, index) => lines.push(`${index + 1}. [${linkLabel(source.title)}](<${source.url}>)`))
  lines.push('', '---', '', `${labels.footer(topic.qubesRelease, topic.reviewedAt)} · ${topic.links.self}`, '')
  return lines.join('\n')
}
