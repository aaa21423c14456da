import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { isLocale, type Locale } from '../content/locales.js'
import { THREAT_IDS } from '../content/threats.js'
import { EXPORT_FORMAT_NAMES } from '../domain/layouts/catalogue.js'
import { Localiser } from '../domain/localise.js'
import { parseThreatModel } from '../domain/suggestions/threat-model.js'
import { presentSuggestions } from '../routes/v1/threat-models/present.js'
import { searchPassages } from '../search/search-passages.js'
import { API_VERSION } from '../plugins/openapi.js'

const lang = z.enum(['en', 'ru']).optional().describe('Answer language: en (default) or ru')

function localeOf (value: string | undefined): Locale {
  return value !== undefined && isLocale(value) ? value : 'en'
}

function text (value: string): { content: Array<{ type: 'text', text: string }> } {
  return { content: [{ type: 'text', text: value }] }
}

function failure (message: string): { content: Array<{ type: 'text', text: string }>, isError: true } {
  return { content: [{ type: 'text', text: message }], isError: true }
}

/**
 * An MCP server over the guide: search with citations, topics, layouts with their chains and
 * exports, and threat-model suggestions, plus topics as resources. One is made per request, as
 * the stateless Streamable HTTP transport expects; everything it reads is the app's, in memory.
 */
export function createGuidanceServer (app: FastifyInstance): McpServer {
  const { guide, markdownTwins } = app
  const server = new McpServer({ name: 'qubes-guide-api', version: API_VERSION }, {
    instructions: 'Cited guidance on Qubes OS. Search first, then cite passage ids and URLs from the results.'
  })

  server.registerTool('search_guidance', {
    title: 'Search the Qubes guide',
    description: 'Cited passage search over topics, practices, layouts and threats, in English or Russian.',
    inputSchema: { query: z.string().min(1).max(2000), lang, limit: z.number().int().min(1).max(20).optional() }
  }, async ({ query, lang: language, limit }) => {
    const locale = language !== undefined ? localeOf(language) : /\p{Script=Cyrillic}/u.test(query) ? 'ru' : 'en'
    const outcome = searchPassages(guide.passages, { q: query, locale, type: null, limit: limit ?? 5 }, guide.release.version)
    if (outcome.results.length === 0) return text('No passage matched. Try other words, or read /llms.txt for the list of topics.')
    return text(JSON.stringify(outcome.results.map((result) => ({
      id: result.id,
      title: result.titlePath.join(' › '),
      text: result.text,
      url: result.apiUrl,
      source: result.sourceUrl,
      citation: result.citation
    })), null, 2))
  })

  server.registerTool('get_topic', {
    title: 'Get a topic',
    description: 'A whole guide topic as Markdown, with its sources and corrections.',
    inputSchema: { slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100), lang }
  }, async ({ slug, lang: language }) => {
    const document = markdownTwins.find('topic', slug, localeOf(language))
    return document === undefined ? failure(`No topic has the slug "${slug}".`) : text(document.markdown)
  })

  server.registerTool('get_layout', {
    title: 'Get a qube layout',
    description: 'A recommended qube layout (for example vpn-tor-chain) as Markdown, with the network path from a qube, ' +
      'the dom0 script and links to every export (qvm, salt, mermaid, dot, svg, json).',
    inputSchema: { id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100), from: z.string().max(64).optional(), lang }
  }, async ({ id, from, lang: language }) => {
    const locale = localeOf(language)
    const layout = guide.layouts.get(id)
    const document = markdownTwins.find('layout', id, locale)
    if (layout === undefined || document === undefined) return failure(`No layout has the id "${id}".`)
    const start = from ?? layout.mainQube
    const chain = layout.qubes.some((qube) => qube.name === start) ? guide.layouts.chain(layout, start) : undefined
    if (chain === undefined) return failure(`The layout ${id} has no qube named "${start}".`)
    const script = guide.layouts.export(layout, 'qvm', locale)
    return text([
      document.markdown,
      `## Network path from ${start}`, '', chain.summary[locale], '', chain.hops.map((hop) => hop.name).join(' → '), '',
      '## Exports', '', ...EXPORT_FORMAT_NAMES.map((format) => `- ${format}: /v1/layouts/${id}/export?format=${format}`), '',
      '## dom0 script (read it before running it)', '', '```bash', script.trimEnd(), '```'
    ].join('\n'))
  })

  server.registerTool('suggest_for_threat_model', {
    title: 'Suggest a Qubes plan for a threat model',
    description: 'A ranked, explained, cited plan: a layout, practices with the reasons behind each, warnings and unaddressed threats.',
    inputSchema: {
      threats: z.array(z.enum(THREAT_IDS)).max(9).optional(),
      activities: z.array(z.string().max(64)).max(32).optional(),
      trustedVpn: z.boolean().optional(),
      censoredNetwork: z.boolean().optional(),
      maxEffort: z.enum(['low', 'medium', 'high']).optional(),
      lang
    }
  }, async (input) => {
    const parsed = parseThreatModel({
      threats: input.threats,
      activities: input.activities,
      constraints: { trustedVpn: input.trustedVpn, censoredNetwork: input.censoredNetwork, maxEffort: input.maxEffort }
    }, guide.suggestions.activityIds)
    if ('problems' in parsed) return failure(parsed.problems.map((problem) => problem.message).join('; '))
    const locale = localeOf(input.lang)
    const localiser = new Localiser({ requested: locale, served: locale })
    const plan = guide.suggestions.plan(parsed.model)
    return text(JSON.stringify(presentSuggestions(plan, parsed.model, guide.suggestions.content, guide.layouts.layouts, guide.release, localiser), null, 2))
  })

  server.registerResource('topic', new ResourceTemplate('qubes-guide://topics/{slug}', {
    list: async () => ({
      resources: markdownTwins.all('en').filter((document) => document.kind === 'topic').map((document) => ({
        uri: `qubes-guide://topics/${document.id}`,
        name: document.id,
        title: document.title,
        description: document.summary,
        mimeType: 'text/markdown'
      }))
    })
  }), { title: 'Guide topics', description: 'Every topic of the guide as Markdown', mimeType: 'text/markdown' }, async (uri, variables) => {
    const slug = String(variables.slug)
    const document = markdownTwins.find('topic', slug, 'en')
    if (document === undefined) throw new Error(`No topic has the slug "${slug}"`)
    return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: document.markdown }] }
  })

  return server
}
