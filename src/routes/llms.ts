import type { FastifyInstance } from 'fastify'
import type { Locale } from '../content/locales.js'
import type { MarkdownDocument } from '../plugins/markdown-twins.js'
import { Text } from '../schemas/bounds.js'
import { contentResponse, notModifiedResponse } from '../schemas/common.js'

/** One line per document of the guide, in one language (16 KB today). */
const LLMS_INDEX_MAX = 2_000_000
/** Every document of the guide in one language (0.23 MB today; bounded by the content's LIMITS). */
const LLMS_FULL_MAX = 500_000_000

const TEXT: Record<Locale, { name: string, summary: string, intro: string, sections: Record<MarkdownDocument['kind'], string>, api: string, optional: string }> = {
  en: {
    name: 'Qubes Guide API',
    summary: 'Structured, cited guidance on Qubes OS in English and Russian: how Qubes isolates apps in qubes, copying text and files between qubes, qrexec, the VPN → Tor chain, threat models and concrete practices, each with its sources.',
    intro: 'Every document below is Markdown with its sources at the end. Cite the passage ids and URLs of /v1/search and /v1/context; the same content in Russian is at /ru/llms.txt.',
    sections: { topic: 'Topics', practice: 'Practices', layout: 'Qube layouts' },
    api: 'API',
    optional: 'Optional'
  },
  ru: {
    name: 'Qubes Guide API',
    summary: 'Структурированные рекомендации по Qubes OS со ссылками на источники, на русском и английском: изоляция программ в кьюбах, копирование текста и файлов между кьюбами, qrexec, цепочка VPN → Tor, модели угроз и конкретные меры.',
    intro: 'Каждый документ ниже — это Markdown со списком источников в конце. Ссылайтесь на идентификаторы фрагментов и адреса из /v1/search и /v1/context; английская версия — /llms.txt.',
    sections: { topic: 'Темы', practice: 'Практики', layout: 'Схемы кьюбов' },
    api: 'API',
    optional: 'Optional'
  }
}

const langQuery = (locale: Locale): string => locale === 'en' ? '' : `?lang=${locale}`

/** The llms.txt index: H1 name, blockquote summary, then H2 sections of `- [name](url): notes`. */
export function llmsIndex (documents: MarkdownDocument[], locale: Locale): string {
  const text = TEXT[locale]
  const lines = [`# ${text.name}`, '', `> ${text.summary}`, '', text.intro, '']
  for (const kind of ['topic', 'practice', 'layout'] as const) {
    lines.push(`## ${text.sections[kind]}`, '')
    for (const document of documents.filter((candidate) => candidate.kind === kind)) {
      lines.push(`- [${document.title}](${document.url}${langQuery(locale)}): ${document.summary.replace(/\s+/g, ' ')}`)
    }
    lines.push('')
  }
  lines.push(`## ${text.api}`, '',
    '- [OpenAPI document](/openapi.yaml): every endpoint and schema',
    `- [Search](/v1/search?q=qrexec${locale === 'en' ? '' : '&lang=ru'}): cited passage search`,
    `- [Grounding context](/v1/context?q=qrexec${locale === 'en' ? '' : '&lang=ru'}): passages for a prompt, as JSON or Markdown`,
    '- [MCP endpoint](/mcp): Model Context Protocol, Streamable HTTP, stateless',
    '', `## ${text.optional}`, '',
    `- [Everything in one file](${locale === 'en' ? '/llms-full.txt' : '/ru/llms-full.txt'}): every document above, in full`, '')
  return lines.join('\n')
}

export function llmsFull (documents: MarkdownDocument[], locale: Locale): string {
  const text = TEXT[locale]
  return [`# ${text.name}`, '', `> ${text.summary}`, '', ...documents.map((document) => document.markdown.replace(/^# /, '## ').replace(/\n## /g, '\n### '))].join('\n')
}

const ROUTES: Array<{ url: string, locale: Locale, kind: 'index' | 'full', operationId: string }> = [
  { url: '/llms.txt', locale: 'en', kind: 'index', operationId: 'getLlmsTxt' },
  { url: '/llms-full.txt', locale: 'en', kind: 'full', operationId: 'getLlmsFullTxt' },
  { url: '/ru/llms.txt', locale: 'ru', kind: 'index', operationId: 'getRussianLlmsTxt' },
  { url: '/ru/llms-full.txt', locale: 'ru', kind: 'full', operationId: 'getRussianLlmsFullTxt' }
]

export default async function llmsRoutes (app: FastifyInstance): Promise<void> {
  for (const { url, locale, kind, operationId } of ROUTES) {
    const language = locale === 'en' ? 'English' : 'Russian'
    let body: string | undefined
    app.get(url, {
      config: { releaseCached: true },
      schema: {
        tags: ['llms'],
        operationId,
        summary: kind === 'index' ? `The llms.txt index, in ${language}` : `Every Markdown document in one file, in ${language}`,
        description: kind === 'index'
          ? 'The llms.txt index (https://llmstxt.org): the name, a summary, and a linked list of the Markdown twin of every topic, practice and layout.'
          : 'The Markdown twins of every topic, practice and layout in one document, for a model that reads everything at once.',
        response: {
          200: contentResponse(kind === 'index' ? 'The index, as Markdown' : 'Every document, as Markdown', { 'text/markdown': Text(kind === 'index' ? LLMS_INDEX_MAX : LLMS_FULL_MAX) },
            { releaseCached: true, localised: true }),
          304: notModifiedResponse
        }
      }
    }, async (_request, reply) => {
      body ??= kind === 'index' ? llmsIndex(app.markdownTwins.all(locale), locale) : llmsFull(app.markdownTwins.all(locale), locale)
      return reply.type('text/markdown; charset=utf-8').header('Content-Language', locale).send(body)
    })
  }
}
