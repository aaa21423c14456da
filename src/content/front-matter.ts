import { parse as parseYaml } from 'yaml'

export interface FrontMatterDocument {
  data: unknown
  body: string
}

const OPENING = /^---\r?\n/
const CLOSING = /\r?\n---[ \t]*(?:\r?\n|$)/

/**
 * Splits a Markdown file into its YAML front matter and its body.
 * Throws with a message fit for a `file: field: message` line.
 */
export function splitFrontMatter (text: string): FrontMatterDocument {
  const source = text.replace(/^\uFEFF/, '')
  if (!OPENING.test(source)) {
    throw new Error('the file must start with a front matter block between two --- lines')
  }
  const afterOpening = source.replace(OPENING, '')
  const closing = CLOSING.exec(afterOpening)
  if (closing === null) {
    throw new Error('the front matter block has no closing --- line')
  }
  const yamlText = afterOpening.slice(0, closing.index)
  const body = afterOpening.slice(closing.index + closing[0].length)
  return { data: parseYaml(yamlText), body }
}
