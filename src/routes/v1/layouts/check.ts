import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { layoutChain } from '../../../domain/layouts/chain.js'
import { checkLayout } from '../../../domain/layouts/check/index.js'
import { completeQube } from '../../../domain/layouts/infer-role.js'
import type { LayoutGraph } from '../../../domain/layouts/model.js'
import { localiserFor } from '../../../http/negotiation.js'
import { contentResponse, LanguageQuery, problemResponse, ref } from '../../../schemas/common.js'
import { LayoutCheckRequest, LayoutCheckResult } from '../../../schemas/layout.js'

export default async function layoutCheckRoute (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.post('/layouts/check', {
    // The same body always gets the same answer within a release: the fast path serves repeats from memory.
    config: { bodyKeyed: true },
    schema: {
      tags: ['layouts'],
      operationId: 'checkLayout',
      summary: 'Check a layout of your own',
      description: 'Send a layout (the same shape as the layouts of this API) and get findings, each with a stable code, a ' +
        'severity, the qube concerned, a localised message and a source: unknown or looping netvms, a netvm that does not ' +
        'provide network, names and labels Qubes would reject, a Whonix Workstation not behind a Whonix Gateway, Tor before ' +
        'the VPN, a vault with network, disposables whose template is not a disposable template, and more. ' +
        'A qube sent without `role` gets one guessed from its class, name and template.',
      querystring: Type.Object({ lang: Type.Optional(LanguageQuery) }, { additionalProperties: false }),
      body: ref(LayoutCheckRequest),
      response: {
        200: contentResponse('The findings (an empty list when the layout is sound)', { 'application/json': ref(LayoutCheckResult) }, { localised: true }),
        400: problemResponse('The body is not JSON or not a layout')
      }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    const qubes = request.body.qubes.map(completeQube)
    const graph: LayoutGraph = { id: 'submitted', mainQube: request.body.mainQube ?? qubes[0]?.name ?? '', qubes }
    const findings = checkLayout(graph)
    const chains = qubes
      .filter((qube) => qube.netvm !== null && qube.class !== 'TemplateVM')
      .flatMap((qube) => {
        const chain = layoutChain(graph, qube.name)
        return chain === undefined ? [] : [{ from: qube.name, summary: localiser.pick('chains.summary', chain.summary) }]
      })
    const errors = findings.filter((finding) => finding.severity === 'error').length
    return {
      valid: errors === 0,
      errors,
      warnings: findings.length - errors,
      findings: findings.map((finding) => ({ ...finding, message: localiser.pick('findings.message', finding.message) })),
      chains,
      translation: localiser.translation()
    }
  })
}
