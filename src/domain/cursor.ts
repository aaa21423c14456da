/**
 * Opaque pagination cursors. A cursor carries the position to continue after and the filters the
 * first page was asked with, so page two cannot silently lose a filter.
 */
export interface TopicCursor {
  after: number
  tag: string | null
}

export function encodeCursor (cursor: TopicCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, a: cursor.after, t: cursor.tag }), 'utf8').toString('base64url')
}

/** Returns undefined for anything that is not a cursor this API wrote. */
export function decodeCursor (text: string): TopicCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { v?: unknown, a?: unknown, t?: unknown }
    if (value.v !== 1 || !Number.isSafeInteger(value.a) || (value.a as number) < -1) return undefined
    if (value.t !== null && typeof value.t !== 'string') return undefined
    return { after: value.a as number, tag: value.t }
  } catch {
    return undefined
  }
}
