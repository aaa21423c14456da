import { DEFAULT_LOCALE, isLocale, type Locale } from '../content/locales.js'

export interface LanguageChoice {
  /** What the client asked for first (a primary language subtag), or the default when it asked nothing. */
  requested: string
  /** The supported locale the response is written in. */
  served: Locale
}

interface LanguageRange {
  tag: string
  quality: number
  order: number
}

/** Parses an Accept-Language header into ranges by preference, dropping q=0 and malformed entries. */
export function parseAcceptLanguage (header: string): LanguageRange[] {
  const ranges: LanguageRange[] = []
  header.split(',').slice(0, 32).forEach((part, order) => {
    const [rawTag, ...parameters] = part.trim().split(';')
    const tag = (rawTag ?? '').trim().toLowerCase()
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) return
    let quality = 1
    for (const parameter of parameters) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(parameter)
      if (match !== null) quality = Math.min(1, Number(match[1]))
    }
    if (quality > 0) ranges.push({ tag, quality, order })
  })
  return ranges.sort((a, b) => b.quality - a.quality || a.order - b.order)
}

function primarySubtag (tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? tag
}

/**
 * Picks the response language: `?lang=` wins over Accept-Language; within the header the highest
 * q-value that we support wins; anything else is served in English and says what was asked.
 */
export function chooseLanguage (lang: string | undefined, acceptLanguage: string | undefined): LanguageChoice {
  if (lang !== undefined && lang !== '') {
    const requested = primarySubtag(lang)
    return { requested, served: isLocale(requested) ? requested : DEFAULT_LOCALE }
  }
  const ranges = parseAcceptLanguage(acceptLanguage ?? '')
  for (const range of ranges) {
    const primary = primarySubtag(range.tag)
    if (primary === '*') return { requested: DEFAULT_LOCALE, served: DEFAULT_LOCALE }
    if (isLocale(primary)) return { requested: primary, served: primary }
  }
  const first = ranges[0]
  return { requested: first === undefined ? DEFAULT_LOCALE : primarySubtag(first.tag), served: DEFAULT_LOCALE }
}
