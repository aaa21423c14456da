import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { ContentIssue } from './content-issue.js'

/** Reads files and remembers their bytes for the content hash. */
export class ContentReader {
  readonly issues: ContentIssue[] = []
  private readonly hash = createHash('sha256')

  /**
   * @param displayRoot paths in messages are relative to it (the working directory)
   * @param dataDir paths in the content hash are relative to it, so a copy hashes the same
   */
  constructor (private readonly displayRoot: string, private readonly dataDir: string) {}

  display (path: string): string {
    return relative(this.displayRoot, path) || path
  }

  read (path: string): string {
    const bytes = readFileSync(path)
    this.hash.update(`${relative(this.dataDir, path)}\0${bytes.length}\0`).update(bytes)
    return bytes.toString('utf8')
  }

  digest (): string {
    return this.hash.digest('hex')
  }
}

export function readYaml (reader: ContentReader, path: string): unknown {
  try {
    return parseYaml(reader.read(path))
  } catch (error) {
    reader.issues.push({ file: reader.display(path), field: '(file)', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` })
    return undefined
  }
}
