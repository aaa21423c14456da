import type { Locale } from '../content/locales.js'

/** Markdown twins of practices and layouts, for people, for llms.txt and for a model's context. */

interface Link { title: string, url: string }

const LABELS: Record<Locale, Record<string, string>> = {
  en: {
    why: 'Why',
    steps: 'Steps',
    where: 'run in',
    mitigates: 'Threats it addresses',
    residual: 'What it does not solve',
    effort: 'Effort',
    sources: 'Sources',
    related: 'Related',
    qubes: 'Qubes',
    notes: 'Notes',
    threats: 'Threats it answers',
    network: 'network from',
    offline: 'offline',
    exports: 'Exports',
    release: 'Qubes OS'
  },
  ru: {
    why: 'Зачем',
    steps: 'Что сделать',
    where: 'где выполнять',
    mitigates: 'От каких угроз помогает',
    residual: 'Чего эта мера не решает',
    effort: 'Усилия',
    sources: 'Источники',
    related: 'См. также',
    qubes: 'Кьюбы',
    notes: 'Примечания',
    threats: 'От каких угроз',
    network: 'сеть от',
    offline: 'без сети',
    exports: 'Экспорт',
    release: 'Qubes OS'
  }
}

function linkList (links: Link[]): string[] {
  return links.map((link) => `- [${link.title.replace(/([[\]])/g, '\\$1')}](<${link.url}>)`)
}

export function practiceToMarkdown (practice: {
  title: string
  summary: string
  why: string
  effort: string
  steps: Array<{ text: string, command: string | null, where: string | null }>
  mitigates: Array<{ name: string, how: string }>
  residualRisks: string[]
  related: Link[]
  sources: Link[]
  url: string
}, locale: Locale): string {
  const labels = LABELS[locale]
  const lines = [`# ${practice.title}`, '', `> ${practice.summary}`, '', `${labels.effort}: ${practice.effort}`, '', `## ${labels.why}`, '', practice.why, '', `## ${labels.steps}`, '']
  practice.steps.forEach((step, index) => {
    lines.push(`${index + 1}. ${step.text}`)
    if (step.command !== null) {
      if (step.where !== null) lines.push(`   (${labels.where}: ${step.where})`)
      lines.push('', '   ```', `   ${step.command}`, '   ```', '')
    }
  })
  lines.push('', `## ${labels.mitigates}`, '', ...practice.mitigates.map((item) => `- **${item.name}**: ${item.how}`), '')
  lines.push(`## ${labels.residual}`, '', ...practice.residualRisks.map((risk) => `- ${risk}`), '')
  if (practice.related.length > 0) lines.push(`## ${labels.related}`, '', ...linkList(practice.related), '')
  lines.push(`## ${labels.sources}`, '', ...linkList(practice.sources), '', '---', '', practice.url, '')
  return lines.join('\n')
}

export function layoutToMarkdown (layout: {
  title: string
  summary: string
  qubesRelease: string
  chainSummary: string | null
  qubes: Array<{ name: string, class: string, label: string, netvm: string | null, purpose: string }>
  notes: string[]
  threats: string[]
  related: Link[]
  sources: Link[]
  exports: Link[]
  url: string
}, locale: Locale): string {
  const labels = LABELS[locale]
  const lines = [`# ${layout.title}`, '', `> ${layout.summary}`, '', `${labels.release} ${layout.qubesRelease}${layout.chainSummary === null ? '' : ` · ${layout.chainSummary}`}`, '', `## ${labels.qubes}`, '']
  for (const qube of layout.qubes) {
    lines.push(`- \`${qube.name}\` (${qube.class}, ${qube.label}, ${qube.netvm === null ? labels.offline : `${labels.network} \`${qube.netvm}\``}): ${qube.purpose}`)
  }
  lines.push('')
  if (layout.notes.length > 0) lines.push(`## ${labels.notes}`, '', ...layout.notes.map((note) => `- ${note}`), '')
  lines.push(`## ${labels.threats}`, '', layout.threats.join(', '), '')
  if (layout.related.length > 0) lines.push(`## ${labels.related}`, '', ...linkList(layout.related), '')
  lines.push(`## ${labels.exports}`, '', ...linkList(layout.exports), '')
  lines.push(`## ${labels.sources}`, '', ...linkList(layout.sources), '', '---', '', layout.url, '')
  return lines.join('\n')
}
