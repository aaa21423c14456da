import type { Locale } from '../content/locales.js'
import type { Passage } from './passages.js'

export interface NumberedPassage extends Passage {
  number: number
}

/**
 * The best passages that fit a character budget, in rank order, numbered for citation. A passage
 * that does not fit is skipped (a smaller one further down may still fit) rather than cut, so
 * every quoted passage is whole; only a first passage larger than the whole budget is cut.
 */
export function fitPassages (passages: Passage[], maxChars: number): { passages: NumberedPassage[], usedChars: number } {
  const chosen: NumberedPassage[] = []
  let used = 0
  for (const passage of passages) {
    const size = passage.text.length
    if (used + size <= maxChars) {
      chosen.push({ ...passage, number: chosen.length + 1 })
      used += size
    } else if (chosen.length === 0) {
      const text = `${passage.text.slice(0, Math.max(0, maxChars - 1))}…`
      chosen.push({ ...passage, text, number: 1 })
      used += text.length
      break
    }
  }
  return { passages: chosen, usedChars: used }
}

const LABELS: Record<Locale, { heading: string, sources: string, related: string, practices: string, layouts: string, release: string }> = {
  en: { heading: 'Qubes OS guidance', sources: 'Sources', related: 'Related', practices: 'Practices', layouts: 'Layouts', release: 'Content release' },
  ru: { heading: 'Рекомендации по Qubes OS', sources: 'Источники', related: 'См. также', practices: 'Практики', layouts: 'Схемы', release: 'Выпуск материалов' }
}

/**
 * One Markdown block to put in a model's prompt: each passage under its number, then the related
 * practices and layouts, then the numbered source list the model should cite from.
 */
export function contextMarkdown (input: {
  passages: NumberedPassage[]
  related: { practices: Array<{ title: string, url: string }>, layouts: Array<{ title: string, url: string }> }
  locale: Locale
  release: string
}): string {
  const labels = LABELS[input.locale]
  const lines = [`# ${labels.heading}`, '']
  for (const passage of input.passages) {
    lines.push(`## [${passage.number}] ${passage.titlePath.join(' › ')}`, '', passage.text, '')
  }
  if (input.related.practices.length > 0 || input.related.layouts.length > 0) {
    lines.push(`## ${labels.related}`, '')
    for (const practice of input.related.practices) lines.push(`- ${labels.practices}: [${practice.title}](${practice.url})`)
    for (const layout of input.related.layouts) lines.push(`- ${labels.layouts}: [${layout.title}](${layout.url})`)
    lines.push('')
  }
  lines.push(`## ${labels.sources}`, '')
  for (const passage of input.passages) {
    lines.push(`[${passage.number}] ${passage.titlePath.join(' › ')}: ${passage.apiUrl} (${passage.sourceUrl})`)
  }
  lines.push('', `${labels.release}: ${input.release}`, '')
  return lines.join('\n')
}
