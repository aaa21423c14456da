import t from 'tap'
import { ifNoneMatchMatches, langParameter, negotiatedLanguage, representationKey } from '../../src/http/representation-key.js'

t.test('the key holds the URL, the negotiated language and the negotiated media type', async (t) => {
  t.equal(representationKey('/v1/topics', undefined, undefined, undefined), '/v1/topics\0en>en\0application/json')
  t.equal(representationKey('/v1/topics', undefined, 'ru-RU,en;q=0.5', undefined), '/v1/topics\0ru>ru\0application/json')
  t.equal(representationKey('/v1/topics?lang=de', 'de', 'ru', 'text/markdown'), '/v1/topics?lang=de\0de>en\0text/markdown', '?lang= beats the header')
  t.equal(representationKey('/v1/topics', undefined, undefined, 'image/png'), '/v1/topics\0en>en\0-', 'nothing acceptable has its own key')
  t.equal(representationKey('/v1/topics', undefined, undefined, ''), representationKey('/v1/topics', undefined, undefined, undefined), 'an empty Accept is no Accept')
})

t.test('negotiation is remembered without changing its answer', async (t) => {
  for (let round = 0; round < 3; round++) {
    t.same(negotiatedLanguage(undefined, 'ru;q=0.9,en;q=0.8'), { requested: 'ru', served: 'ru' })
  }
  // More distinct headers than the memory holds: it starts again and still answers right.
  for (let index = 0; index < 1100; index++) negotiatedLanguage(undefined, `x${index}`)
  t.same(negotiatedLanguage(undefined, 'fr'), { requested: 'fr', served: 'en' })
})

t.test('langParameter reads the query as Fastify does', async (t) => {
  t.equal(langParameter('/v1/topics'), undefined)
  t.equal(langParameter('/v1/topics?tag=x'), undefined)
  t.equal(langParameter('/v1/topics?tag=x&lang=ru'), 'ru')
  t.equal(langParameter('/v1/topics?lang=%72%75'), 'ru', 'percent-decoded')
  t.equal(langParameter('/v1/topics?slang=ru'), undefined)
})

t.test('ifNoneMatchMatches uses the weak comparison of RFC 9110', async (t) => {
  t.equal(ifNoneMatchMatches('"a"', '"a"'), true)
  t.equal(ifNoneMatchMatches('W/"a"', '"a"'), true)
  t.equal(ifNoneMatchMatches(' "b" ,W/"a" ', '"a"'), true)
  t.equal(ifNoneMatchMatches('*', '"a"'), true)
  t.equal(ifNoneMatchMatches('"b"', '"a"'), false)
  t.equal(ifNoneMatchMatches('a', '"a"'), false)
})

t.test('keys are remembered: the same request gets the same string, and a full memory starts again', async (t) => {
  const first = representationKey('/v1/layouts', undefined, 'ru', 'application/json')
  t.equal(representationKey('/v1/layouts', undefined, 'ru', 'application/json'), first)
  t.equal(representationKey('/v1/layouts', undefined, 'ru-RU', '*/*'), first, 'another spelling of the same outcome, the same key')
  for (let index = 0; index < 1100; index++) representationKey(`/v1/topics/x${index}`, undefined, `x${index}`, undefined)
  t.equal(representationKey('/v1/layouts', undefined, 'ru', 'application/json'), '/v1/layouts\0ru>ru\0application/json', 'still right after both memories started again')
})
