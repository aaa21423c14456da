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
 * What a request's negotiation comes to, as the tail of its key: `\0requested>served\0media`.
 * Remembered by the three raw inputs, and one string per outcome (there are a few dozen at most),
 * so that the lookups below compare and hash the same string objects. Its keys hold two whole
 * headers (16 KiB at most together, Node's bound): 256 of them bound it.
 */
const variants = new BoundedMemo<string, string>(256)
const outcomes = new Map<string, string>()

function negotiatedVariant (lang: string | undefined, acceptLanguage: string | undefined, accept: string | undefined): string {
  const language = negotiatedLanguage(lang, acceptLanguage)
  const media = mediaTypes.get(accept ?? '', () => preferredMediaType(accept, NEGOTIATED_MEDIA) ?? '-')
  const outcome = `\0${language.requested}>${language.served}\0${media}`
  // Languages come from a closed list and media from NEGOTIATED_MEDIA: the map stays small.
  const known = outcomes.get(outcome)
  if (known !== undefined) return known
  outcomes.set(outcome, outcome)
  return outcome
}

/**
 * Keys already made, by URL and then by negotiation outcome. A key made per request was a new
 * string for every answer, which V8 had to flatten and hash, through its runtime, for the cache
 * lookup; a remembered one was hashed once. URLs are 2048 characters at most (longer ones never
 * reach this): 1024 of them bound it.
 */
const keys = new BoundedMemo<string, Map<string, string>>(1024)

/**
 * Everything a release-bound answer depends on besides the release itself: the URL, the language
 * it will be served in and the media type asked for. Two requests with one key get the same bytes.
 * It runs for every request the fast path answers: the memories are read with find, not with a
 * compute callback, so a hit allocates nothing.
 */
export function representationKey (url: string, lang: string | undefined, acceptLanguage: string | undefined, accept: string | undefined): string {
  const inputs = `${lang ?? ''}\0${acceptLanguage ?? ''}\0${accept ?? ''}`
  let variant = variants.find(inputs)
  if (variant === undefined) {
    variant = negotiatedVariant(lang, acceptLanguage, accept)
    variants.remember(inputs, variant)
  }
  let byVariant = keys.find(url)
  if (byVariant === undefined) {
    byVariant = new Map()
    keys.remember(url, byVariant)
  }
  let key = byVariant.get(variant)
  if (key === undefined) {
    key = url + variant
    byVariant.set(variant, key)
  }
  return key
}

/** The `lang` query parameter of a raw request URL, as Fastify's query parser reads it. */
export function langParameter (url: string): string | undefined {
  const query = url.indexOf('?')
  if (query === -1 || !url.includes('lang=', query)) return undefined
  return new URLSearchParams(url.slice(query + 1)).get('lang') ?? undefined
}

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so W/"x" matches "x". */
export function ifNoneMatchMatches (header: string, etag: string): boolean {
  // Nearly every revalidation sends back the one tag it was given: that costs one comparison,
  // and no list to split and trim on every 304.
  if (header === etag) return true
  if (header.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque)
}
