import t from 'tap'
import { pathOf } from '../../src/http/url-path.js'

t.test('the path of a raw URL leaves out the query string, whatever it holds', async (t) => {
  t.equal(pathOf('/v1/search?q=a?b'), '/v1/search')
  t.equal(pathOf('/ready'), '/ready')
  t.equal(pathOf('/ready?'), '/ready')
  t.equal(pathOf('?x'), '')
})
