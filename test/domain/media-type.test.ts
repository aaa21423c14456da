import t from 'tap'
import { preferredMediaType } from '../../src/domain/media-type.js'

const offers = ['application/json', 'text/markdown']

t.test('picks the preferred offered type', async (t) => {
  t.equal(preferredMediaType(undefined, offers), 'application/json')
  t.equal(preferredMediaType('', offers), 'application/json')
  t.equal(preferredMediaType('text/markdown', offers), 'text/markdown')
  t.equal(preferredMediaType('text/markdown;q=0.9, application/json', offers), 'application/json')
  t.equal(preferredMediaType('application/json;q=0.5, text/*', offers), 'text/markdown')
  t.equal(preferredMediaType('text/html,application/xhtml+xml,*/*;q=0.8', offers), 'application/json', 'a browser gets JSON')
  t.equal(preferredMediaType('*/*, text/markdown;q=0', offers), 'application/json', 'the specific q=0 wins over */*')
})

t.test('undefined when nothing offered is acceptable', async (t) => {
  t.equal(preferredMediaType('image/png', offers), undefined)
  t.equal(preferredMediaType('application/json;q=0, text/markdown;q=0', offers), undefined)
  t.equal(preferredMediaType('garbage', offers), 'application/json', 'an unparseable header is ignored')
})
