import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newestModification (path: string): number {
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  let newest = stats.mtimeMs
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestModification(join(path, entry)))
  }
  return newest
}

/**
 * True when the store is missing or older than any file under the given sources. Sources that do
 * not exist are ignored: a container ships the built store without data/.
 */
export function storeIsStale (storePath: string, sources: string[]): boolean {
  let storeTime: number
  try {
    storeTime = statSync(storePath).mtimeMs
  } catch {
    return true
  }
  return sources.some((source) => {
    try {
      return newestModification(source) > storeTime
    } catch {
      return false
    }
  })
}
