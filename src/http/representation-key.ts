import { chooseLanguage, type LanguageChoice } from '../domain/language.js'
import { BoundedMemo } from '../domain/bounded-memo.js'
import { preferredMediaType } from '../domain/media-type.js'

/** The media types a release-bound answer can be negotiated into (the Markdown twins). */
const NEGOTIATED_MEDIA = ['application/json', 'text/markdown']

// Clients send the same few Accept and Accept-Language headers over and over, so their parsed
// outcome is remembered.
const languages = new BoundedMemo<string, LanguageChoice>(1024)
const mediaTypes = new BoundedMemo<string, string>(1024)

export function negotiatedLanguage (lang: string | undefined, acceptLanguage: string | undefined): LanguageChoice {
  return languages.get(`${lang ?? ''}\0${acceptLanguage ?? ''}`, () => chooseLanguage(lang, acceptLanguage))
}

/**
 * Everything a release-bound answer depends on besides the release itself: the URL, the language
 * it will be served in and the media type asked for. Two requests with one key get the same bytes.
 */
export function representationKey (url: string, lang: string | undefined, acceptLanguage: string | undefined, accept: string | undefined): string {
  const language = negotiatedLanguage(lang, acceptLanguage)
  const media = mediaTypes.get(accept ?? '', () => preferredMediaType(accept, NEGOTIATED_MEDIA) ?? '-')
  return `${url}\0${language.requested}>${language.served}\0${media}`
}

/** The `lang` query parameter of a raw request URL, as Fastify's query parser reads it. */
export function langParameter (url: string): string | undefined {
  const query = url.indexOf('?')
  if (query === -1 || !url.includes('lang=', query)) return undefined
  return new URLSearchParams(url.slice(query + 1)).get('lang') ?? undefined
}

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so W/"x" matches "x". */
export function ifNoneMatchMatches (header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque)
}
