import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileWithCodeCache, LISTENING_EVENT, runAsModule, writeCodeCache } from './build/code-cache.js'

/**
 * What `npm start` and the container run (dist/bundle/server.mjs): the server's bundled code,
 * compiled from its V8 code cache when there is one (src/build/code-cache.ts). Once the server
 * listens, a missing or refused cache is written for the next start. PRIME_CODE_CACHE=1 writes it
 * and exits: the container image is built that way, and runs read-only afterwards.
 */

// The bundler names the code file after the hash of its content and writes the name in here.
declare const SERVER_CODE_FILE: string

const codeFile = join(dirname(fileURLToPath(import.meta.url)), SERVER_CODE_FILE)
const { script, cache } = compileWithCodeCache(codeFile)
const prime = process.env.PRIME_CODE_CACHE === '1'
if (cache !== 'accepted' || prime) {
  const processEvents: NodeJS.EventEmitter = process
  processEvents.once(LISTENING_EVENT, () => {
    // After the listen callbacks: everything start-up compiles is compiled by then.
    setImmediate(() => {
      const written = writeCodeCache(script, codeFile)
      if (prime) {
        console.log(written ? `code cache written for ${SERVER_CODE_FILE}` : `the code cache for ${SERVER_CODE_FILE} could not be written`)
        process.exit(written ? 0 : 1)
      }
    })
  })
}
runAsModule(script, codeFile)
