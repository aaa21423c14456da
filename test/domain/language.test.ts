import t from 'tap'
import { chooseLanguage, parseAcceptLanguage } from '../../src/domain/language.js'

t.test('?lang= wins over Accept-Language', async (t) => {
  t.same(chooseLanguage('ru', 'en'), { requested: 'ru', served: 'ru' })
  t.same(chooseLanguage('RU-ru', undefined), { requested: 'ru', served: 'ru' })
  t.same(chooseLanguage('de', 'ru'), { requested: 'de', served: 'en' }, 'an unsupported ?lang= is still what was asked')
})

t.test('Accept-Language honours q-values and order', async (t) => {
  t.same(chooseLanguage(undefined, 'de;q=0.9, ru;q=0.8, en;q=0.7'), { requested: 'ru', served: 'ru' })
  t.same(chooseLanguage(undefined, 'en;q=0.5, ru-RU'), { requested: 'ru', served: 'ru' })
  t.same(chooseLanguage(undefined, 'ru;q=0, en'), { requested: 'en', served: 'en' })
  t.same(chooseLanguage(undefined, 'fr, de;q=0.5'), { requested: 'fr', served: 'en' })
  t.same(chooseLanguage(undefined, '*'), { requested: 'en', served: 'en' })
  t.same(chooseLanguage(undefined, undefined), { requested: 'en', served: 'en' })
  t.same(chooseLanguage(undefined, ';;;,,q=,  ru'), { requested: 'ru', served: 'ru' }, 'garbage entries are skipped')
})

t.test('parseAcceptLanguage keeps header order for equal q-values', async (t) => {
  t.same(parseAcceptLanguage('ru, en;q=1, de;q=0.3, x_y'), [
    { tag: 'ru', quality: 1, order: 0 },
    { tag: 'en', quality: 1, order: 1 },
    { tag: 'de', quality: 0.3, order: 2 }
  ])
})
