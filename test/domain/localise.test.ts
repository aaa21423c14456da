import t from 'tap'
import { Localiser } from '../../src/domain/localise.js'

t.test('fields come from the served locale, else from English, and the report says so', async (t) => {
  const localiser = new Localiser({ requested: 'ru', served: 'ru' })
  t.equal(localiser.pick('title', { en: 'Labels', ru: 'Метки' }), 'Метки')
  t.equal(localiser.pick('summary', { en: 'Only English' }), 'Only English')
  t.same(localiser.translation(), { requested: 'ru', served: 'ru', complete: false, fallbackFields: ['summary'] })
})

t.test('an unsupported language is served in English and marked incomplete', async (t) => {
  const localiser = new Localiser({ requested: 'de', served: 'en' })
  t.equal(localiser.pick('title', { en: 'Labels', ru: 'Метки' }), 'Labels')
  t.same(localiser.translation(), { requested: 'de', served: 'en', complete: false, fallbackFields: [] })
})

t.test('a value missing in English too is a bug, not a silent blank', async (t) => {
  t.throws(() => new Localiser({ requested: 'ru', served: 'ru' }).pick('title', {}), { message: 'no en value for field title' })
})
