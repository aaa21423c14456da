import type { FastifyReply, FastifyRequest } from 'fastify'
import { negotiatedLanguage } from './representation-key.js'
import { Localiser } from '../domain/localise.js'

/** Adds a field to Vary without dropping what other hooks put there. */
export function appendVary (reply: FastifyReply, field: string): void {
  const current = reply.getHeader('Vary')
  const fields = typeof current === 'string' ? current.split(',').map((value) => value.trim()).filter(Boolean) : []
  if (!fields.some((value) => value.toLowerCase() === field.toLowerCase())) fields.push(field)
  reply.header('Vary', fields.join(', '))
}

/** Chooses the response language, says so in Content-Language and Vary, and returns the localiser. */
export function localiserFor (request: FastifyRequest, reply: FastifyReply, lang: string | undefined): Localiser {
  const choice = negotiatedLanguage(lang, request.headers['accept-language'])
  reply.header('Content-Language', choice.served)
  appendVary(reply, 'Accept-Language')
  return new Localiser(choice)
}
