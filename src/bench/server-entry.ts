import { join } from 'node:path'

/** Where `npm run build` writes the production server bundle, relative to the repository root. */
export const SERVER_BUNDLE_DIR = join('dist', 'bundle')
export const SERVER_BUNDLE_ENTRY = 'server.mjs'

/**
 * The options `npm start` and the container give node:
 * - a young generation of at most 3 × 4 MiB instead of V8's 3 × 16 MiB: the server's garbage is
 *   short-lived and small per request, so scavenges stay short, and the peak RSS under load fell
 *   from about 160 to 135 MB;
 * - an old generation let grow by at most half of what is live before a full collection, where V8
 *   otherwise lets it reach up to four times: what a flood of distinct searches promotes (answers
 *   kept a while, requests in flight) is garbage soon after, and waiting for it took the peak RSS
 *   from about 95 to 180-185 MB (var/probe's rssgrow: 6 s floods of distinct searches, four
 *   times); with the bound it stays near 124 MB, for about 8% of the req/s of those searches.
 * package.json's start script and the Dockerfile's CMD must say the same (a test checks).
 */
export const PRODUCTION_NODE_OPTIONS = ['--max-semi-space-size=4', '--heap-growing-percent=50']

/**
 * The file `npm start` runs (and the container's CMD): the bundled server, so that what is
 * measured starts exactly as production does.
 */
export function productionServerEntry (root: string): string {
  return join(root, SERVER_BUNDLE_DIR, SERVER_BUNDLE_ENTRY)
}
