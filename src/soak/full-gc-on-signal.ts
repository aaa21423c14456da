import { FULL_GC_SIGNAL } from './rss-sampler.js'

/**
 * Loaded into the server by `npm run soak` only (node --expose-gc --import this): FULL_GC_SIGNAL
 * runs a full garbage collection. Under load V8 collects the old generation lazily, so RSS climbs
 * for a minute or more and then falls back by a third: read without a collection first, RSS says
 * where the collector is in that cycle more than whether memory is retained.
 */
const collectGarbage = (globalThis as { gc?: () => void }).gc
process.on(FULL_GC_SIGNAL, () => { collectGarbage?.() })
