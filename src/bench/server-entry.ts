import { join } from 'node:path'

/** Where `npm run build` writes the production server bundle, relative to the repository root. */
export const SERVER_BUNDLE_DIR = join('dist', 'bundle')
export const SERVER_BUNDLE_ENTRY = 'server.mjs'

/**
 * The options `npm start` and the container give node. A young generation of at most 3 × 4 MiB
 * instead of V8's 3 × 16 MiB: the server's garbage is short-lived and small per request, so
 * scavenges stay short, and the peak RSS under load fell from about 160 to 135 MB. package.json's
 * start script and the Dockerfile's CMD must say the same (a test checks).
 */
export const PRODUCTION_NODE_OPTIONS = ['--max-semi-space-size=4']

/**
 * The file `npm start` runs (and the container's CMD): the bundled server, so that what is
 * measured starts exactly as production does.
 */
export function productionServerEntry (root: string): string {
  return join(root, SERVER_BUNDLE_DIR, SERVER_BUNDLE_ENTRY)
}
