import { dirname } from 'node:path'
import { productionServerEntry } from '../bench/server-entry.js'
import { bundleServer } from '../build/server-bundle.js'

/**
 * Part of npm run build: bundle the server for `npm start` and the container. Quiet on success,
 * like tsc before it, so that `npm run db:build` and the others still print only their own line.
 */
const root = process.cwd()
try {
  await bundleServer(root, dirname(productionServerEntry(root)))
} catch (error) {
  // esbuild has printed each error with its file and line already.
  console.error(`bundle: ${(error as Error).message.split('\n')[0]}`)
  process.exitCode = 1
}
