import markdownIt, { type Token } from 'markdown-it'
import { LIMITS } from './limits.js'

export interface Section {
  anchor: string
  level: 2 | 3
  title: string
}

export interface RenderedMarkdown {
  html: string
  sections: Section[]
  /** Problems an editor must fix, as plain messages. */
  problems: string[]
}

export const ANCHOR_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const TRAILING_ANCHOR = /\s*\{#([^}\s]*)\}\s*$/

// html: false escapes raw HTML instead of passing it through; markdown-it's own link
// validation already drops javascript:, vbscript: and data: (except images) URLs.
const markdown = markdownIt({ html: false, linkify: false, typographer: false })

/** Takes the `{#anchor}` off the end of every heading and sets it as the heading's id. */
function collectHeadingAnchors (tokens: Token[], sections: Section[], problems: string[]): void {
  for (let index = 0; index < tokens.length; index++) {
    const open = tokens[index]
    const inline = tokens[index + 1]
    if (open?.type !== 'heading_open' || inline === undefined) continue
    const level = Number(open.tag.slice(1))
    const match = TRAILING_ANCHOR.exec(inline.content)
    const title = inline.content.replace(TRAILING_ANCHOR, '').trim()
    if (level === 1 || level > 3) {
      problems.push(`heading "${title}" is level ${level}; sections use ## and ###`)
      continue
    }
    if (match === null) {
      problems.push(`heading "${title}" has no {#anchor}`)
      continue
    }
    const anchor = match[1] ?? ''
    if (!ANCHOR_PATTERN.test(anchor)) {
      problems.push(`heading "${title}" has anchor "${anchor}", which is not lowercase ASCII kebab-case`)
      continue
    }
    if (anchor.length > LIMITS.id) problems.push(`heading "${title}" has an anchor longer than ${LIMITS.id} characters`)
    if (title.length > LIMITS.title) problems.push(`heading "${title.slice(0, 40)}…" is longer than ${LIMITS.title} characters`)
    if (sections.some((section) => section.anchor === anchor)) {
      problems.push(`anchor "${anchor}" is used twice`)
    }
    inline.content = title
    const last = inline.children?.at(-1)
    if (last?.type === 'text') last.content = last.content.replace(TRAILING_ANCHOR, '')
    open.attrSet('id', anchor)
    sections.push({ anchor, level: level as 2 | 3, title })
  }
}

export function renderMarkdown (source: string): RenderedMarkdown {
  const sections: Section[] = []
  const problems: string[] = []
  const env = {}
  const tokens = markdown.parse(source, env)
  collectHeadingAnchors(tokens, sections, problems)
  const html = markdown.renderer.render(tokens, markdown.options, env)
  return { html, sections, problems }
}
