import t from 'tap'
import { LABEL_COLOURS } from '../../../src/domain/layouts/model.js'
import { buildTestApp } from '../../helper.js'

t.test('GET /v1/labels gives the eight labels with colours and the trust convention', async (t) => {
  const app = await buildTestApp(t)
  const english = (await app.inject('/v1/labels')).json()
  t.same(english.items.map((label: { name: string, colour: string }) => [label.name, label.colour]), Object.entries(LABEL_COLOURS))
  t.equal(english.items.find((label: { name: string }) => label.name === 'red').trustRank, 1)
  t.equal(english.items.find((label: { name: string }) => label.name === 'black').trustRank, 7)
  t.equal(english.items.find((label: { name: string }) => label.name === 'gray').trustRank, null)
  t.match(english.note, 'Qubes treats every label the same')
  t.ok(english.sources.length >= 2)
  const russian = (await app.inject('/v1/labels?lang=ru')).json()
  t.match(russian.items[0].convention, /[а-яё]/i)
  t.match(russian.note, /одинаково/)
})
