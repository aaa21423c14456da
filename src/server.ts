import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { ContentValidationError, formatIssue } from './content/content-issue.js'
import { formatBuildSummary } from './store/build-store.js'
import { ensureStore } from './store/ensure-store.js'

/** Starts the API: read the configuration, make sure the store is built, listen, close gracefully. */
async function start (): Promise<void> {
  const config = loadConfig(process.env, process.stdout.isTTY)
  const summary = ensureStore(config)
  if (summary !== undefined) console.log(formatBuildSummary(summary))

  const app = await buildApp(config)
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err !== undefined) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'closing')
    await app.close()
  })
  await app.listen({ port: config.port, host: config.host })
}

try {
  await start()
} catch (error) {
  if (error instanceof ContentValidationError) {
    for (const issue of error.issues) console.error(formatIssue(issue))
  }
  // One clear line, no stack: every start-up failure here is about configuration or the store.
  console.error(`qubes-guide-api: cannot start: ${(error as Error).message.split('\n')[0]}`)
  process.exit(1)
}
