import t from 'tap'
import { splitFrontMatter } from '../../src/content/front-matter.js'

t.test('splits YAML front matter from the body', async (t) => {
  const document = splitFrontMatter('\uFEFF---\ntitle: "A: b"\nsummary: Short.\n---\nBody line.\n\n## Part {#part}\n')
  t.same(document.data, { title: 'A: b', summary: 'Short.' })
  t.equal(document.body, 'Body line.\n\n## Part {#part}\n')
})

t.test('accepts CRLF line endings', async (t) => {
  const document = splitFrontMatter('---\r\ntitle: T\r\n---\r\nBody\r\n')
  t.same(document.data, { title: 'T' })
  t.equal(document.body, 'Body\r\n')
})

t.test('refuses files without a complete front matter block', async (t) => {
  t.throws(() => splitFrontMatter('title: T\n'), { message: 'the file must start with a front matter block between two --- lines' })
  t.throws(() => splitFrontMatter('---\ntitle: T\nBody\n'), { message: 'the front matter block has no closing --- line' })
})
