import t from 'tap'
import { renderMarkdown } from '../../src/content/markdown.js'

t.test('headings take their {#anchor} as id and become sections', async (t) => {
  const rendered = renderMarkdown('Intro.\n\n## The four key presses {#key-presses}\n\nText.\n\n### Why *not* {#why-not}\n')
  t.same(rendered.problems, [])
  t.same(rendered.sections, [
    { anchor: 'key-presses', level: 2, title: 'The four key presses' },
    { anchor: 'why-not', level: 3, title: 'Why *not*' }
  ])
  t.match(rendered.html, '<h2 id="key-presses">The four key presses</h2>')
  t.match(rendered.html, '<h3 id="why-not">Why <em>not</em></h3>')
  t.notMatch(rendered.html, '{#')
})

t.test('raw HTML is escaped, never passed through', async (t) => {
  const rendered = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div>block</div>\n')
  t.notMatch(rendered.html, '<script')
  t.notMatch(rendered.html, '<img')
  t.notMatch(rendered.html, '<div>')
  t.match(rendered.html, '&lt;script&gt;')
})

t.test('dangerous link schemes are not rendered as links', async (t) => {
  const rendered = renderMarkdown('[click](javascript:alert(1)) and [ok](https://doc.qubes-os.org/)')
  t.notMatch(rendered.html, 'href="javascript')
  t.match(rendered.html, '<a href="https://doc.qubes-os.org/">ok</a>')
})

t.test('heading problems are reported, not guessed around', async (t) => {
  const rendered = renderMarkdown('# Title\n\n## No anchor\n\n## Bad {#Not_Kebab}\n\n## One {#same}\n\n## Two {#same}\n\n#### Deep {#deep}\n')
  t.same(rendered.problems, [
    'heading "Title" is level 1; sections use ## and ###',
    'heading "No anchor" has no {#anchor}',
    'heading "Bad" has anchor "Not_Kebab", which is not lowercase ASCII kebab-case',
    'anchor "same" is used twice',
    'heading "Deep" is level 4; sections use ## and ###'
  ])
})
