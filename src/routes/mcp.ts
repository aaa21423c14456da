import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendProblem } from '../http/problem.js'

export interface McpRouteOptions {
  /** Host names (without port) the MCP endpoint answers to; [::1] in brackets. */
  allowedHosts: string[]
}

/** `host:port`, `[::1]:port` or a URL's host, reduced to the host name. */
export function hostnameOf (value: string): string {
  const host = value.trim().toLowerCase()
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1)
  return host.split(':')[0] ?? host
}

/**
 * POST /mcp: the Model Context Protocol over Streamable HTTP, stateless (a server and transport per
 * request, no sessions). As the SDK recommends for servers without authentication, the Host and
 * Origin headers are checked against an allow-list first, against DNS rebinding: a web page
 * whose DNS name was pointed at this machine would send its own name in both.
 */
export default async function mcpRoutes (app: FastifyInstance, options: McpRouteOptions): Promise<void> {
  const allowed = new Set(options.allowedHosts.map(hostnameOf))

  function guard (request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    const host = hostnameOf(request.headers.host ?? '')
    if (!allowed.has(host)) return sendProblem(request, reply, 403, 'forbidden', `The MCP endpoint does not answer to the host "${host}"`)
    const origin = request.headers.origin
    if (origin !== undefined) {
      let originHost = ''
      try {
        originHost = hostnameOf(new URL(origin).host)
      } catch {}
      if (!allowed.has(originHost)) return sendProblem(request, reply, 403, 'forbidden', 'The MCP endpoint does not accept requests from this origin')
    }
    return undefined
  }

  app.post('/mcp', { schema: { hide: true } }, async (request, reply) => {
    const refused = guard(request, reply)
    if (refused !== undefined) return refused
    // The MCP SDK is loaded on the first MCP request: it would add a quarter of a second to every start.
    const [{ StreamableHTTPServerTransport }, { createGuidanceServer }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
      import('../mcp/guidance-server.js')
    ])
    const server = createGuidanceServer(app)
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })
    reply.raw.on('close', () => {
      transport.close().catch(() => {})
      server.close().catch(() => {})
    })
    await server.connect(transport)
    reply.hijack()
    await transport.handleRequest(request.raw, reply.raw, request.body)
  })
}
