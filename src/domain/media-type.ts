interface MediaRange {
  type: string
  subtype: string
  quality: number
}

function parseAccept (header: string): MediaRange[] {
  return header.split(',').slice(0, 32).flatMap((part) => {
    const [range, ...parameters] = part.trim().toLowerCase().split(';')
    const match = /^([a-z0-9!#$&^_.+-]+|\*)\/([a-z0-9!#$&^_.+-]+|\*)$/.exec((range ?? '').trim())
    if (match === null) return []
    let quality = 1
    for (const parameter of parameters) {
      const q = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(parameter)
      if (q !== null) quality = Math.min(1, Number(q[1]))
    }
    return [{ type: match[1] ?? '*', subtype: match[2] ?? '*', quality }]
  })
}

function specificity (range: MediaRange): number {
  return (range.type === '*' ? 0 : 1) + (range.subtype === '*' ? 0 : 1)
}

/**
 * Picks the offered media type the client prefers (RFC 9110 §12.5.1): each offer takes the
 * quality of the most specific range that matches it; ties go to the first offer. No header means
 * the first offer; undefined means nothing offered is acceptable.
 */
export function preferredMediaType (accept: string | undefined, offered: readonly string[]): string | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0]
  const ranges = parseAccept(accept)
  if (ranges.length === 0) return offered[0]
  let best: { offer: string, quality: number } | undefined
  for (const offer of offered) {
    const [type, subtype] = offer.split('/')
    const matching = ranges
      .filter((range) => (range.type === '*' || range.type === type) && (range.subtype === '*' || range.subtype === subtype))
      .sort((a, b) => specificity(b) - specificity(a))[0]
    if (matching !== undefined && matching.quality > 0 && (best === undefined || matching.quality > best.quality)) {
      best = { offer, quality: matching.quality }
    }
  }
  return best?.offer
}
