import { ContentValidationError, formatIssue } from '../content/content-issue.js'
import { buildStore, formatBuildSummary } from '../store/build-store.js'
import { loadConfig } from '../config.js'

/** npm run db:build: validate data/ and write the store; on any problem, print it and keep the old store. */
try {
  const config = loadConfig(process.env)
  const summary = await buildStore({ dataDir: config.dataDir, migrationsDir: config.migrationsDir, storePath: config.storePath })
  console.log(formatBuildSummary(summary))
} catch (error) {
  if (error instanceof ContentValidationError) {
    for (const issue of error.issues) console.error(formatIssue(issue))
    console.error(`db:build: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} in the content; the store was not changed`)
  } else {
    console.error(`db:build: ${(error as Error).message}; the store was not changed`)
  }
  process.exitCode = 1
}
