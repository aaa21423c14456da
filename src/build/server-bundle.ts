import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { SERVER_BUNDLE_ENTRY } from '../bench/server-entry.js'

/**
 * Left to Node's own loading, from node_modules at run time:
 * - better-sqlite3, a native addon its package finds through the file system;
 * - the packages only a later request needs (the MCP SDK and zod, the docs UI), and Graphviz,
 *   which only a store build at start-up runs (its diagrams are served from the store), all
 *   imported on first use: in the bundle, V8 would parse and keep 3 MB of them at every start,
 *   for work a server may never do.
 * Everything else the server imports is in the bundle.
 */
const EXTERNAL_PACKAGES = ['better-sqlite3', '@viz-js/viz', '@modelcontextprotocol/sdk', 'zod', '@fastify/swagger-ui']

/** `__bundlePath` serves ownFilesInNodeModules below; the code runs as CommonJS, with a `__dirname`. */
const BANNER = "const __bundlePath = (path) => require('node:path').join(__dirname, path)"

/**
 * Some CommonJS packages find files of their own through `__dirname`: pino and thread-stream the
 * worker script of a log transport (pretty logs in development), @fastify/swagger its
 * package.json. Bundled, they would look next to the bundle; this points `__dirname` and
 * `__filename` back at the package's own folder in node_modules, found relative to the bundle, so
 * the bundle works wherever the tree is (the container has node_modules beside dist/ as the
 * repository does). @fastify/swagger-ui, which reads its assets for /docs so, is outside the bundle.
 */
function ownFilesInNodeModules (outdir: string): Plugin {
  return {
    name: 'own-files-in-node-modules',
    setup (bundle) {
      bundle.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8')
        if (!/\b__(dirname|filename)\b/.test(source)) return undefined
        const folder = JSON.stringify(relative(outdir, dirname(args.path)))
        const file = JSON.stringify(relative(outdir, args.path))
        return { contents: `var __dirname = __bundlePath(${folder}), __filename = __bundlePath(${file});\n${source}`, loader: 'js' }
      })
    }
  }
}

/**
 * Writes every character above U+00FF as a `\\u` escape. V8 keeps a script's source text for as
 * long as the script's functions live, and a string holding even one such character takes two
 * bytes a character. esbuild escapes them in strings and names, but not in regular expression
 * literals nor in the comments it keeps (evanw/esbuild#4205): one `…` in markdown-it's typographer
 * and one `рф` in a linkify-it comment made the 3 MB server source a 6 MiB string, a third of the
 * heap at rest. An escape means the same character in a regular expression, and nothing in a
 * comment. Two things do see the difference, and neither is in the bundle today: a tagged
 * template's raw text (esbuild leaves those unescaped too), and the `source` of a regular
 * expression compared as text. A line that got longer is off by five columns a character, after
 * the escape, in the source map.
 */
export function escapeWideCharacters (code: string): string {
  // Without the u flag this pattern sees UTF-16 code units: a character beyond U+FFFF becomes its
  // two surrogates, which a regular expression reads as that one character, with the u flag or without.
  return code.replace(/[\u0100-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export interface ServerBundle {
  /** The file node runs: the launcher, which compiles `code` from its code cache (src/launch.ts). */
  entry: string
  /** The server's code, one CommonJS file named after the hash of its content. */
  code: string
  /** Bytes of the files written (the launcher and the code). */
  bytes: number
  files: number
  milliseconds: number
}

const CODE_CACHE_SUFFIX = '.v8cache'

/**
 * Bundles src/server.ts into one CommonJS file, `server-<hash>.cjs`, and src/launch.ts into the
 * entry, which knows that name, in `outdir` (emptied first, but for the code cache of the same
 * code: rebuilding what has not changed keeps its cache). Loading ~1300 module files one by one was
 * most of the time from process start to ready; one file is read and compiled at once, from its
 * cache (src/build/code-cache.ts). The packages only a later request or a store build needs (the
 * MCP SDK, the docs UI, Graphviz) stay outside it and load from node_modules on first use; the
 * server's own code for those is in the file and runs then.
 */
export async function bundleServer (root: string, outdir: string): Promise<ServerBundle> {
  const started = performance.now()
  const keptCaches = new Map<string, Buffer>()
  if (existsSync(outdir)) {
    for (const name of readdirSync(outdir).filter((file) => file.endsWith(CODE_CACHE_SUFFIX))) keptCaches.set(name, readFileSync(join(outdir, name)))
  }
  rmSync(outdir, { recursive: true, force: true })
  const code = await build({
    absWorkingDir: root,
    entryPoints: { server: join(root, 'src', 'server.ts') },
    entryNames: '[name]-[hash]',
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() becomes require(), of the bundle's own modules and of the packages left outside:
    // code compiled by node:vm could import only through an experimental loader hook.
    supported: { 'dynamic-import': false },
    external: EXTERNAL_PACKAGES,
    banner: { js: BANNER },
    plugins: [ownFilesInNodeModules(outdir)],
    // Not minified: stack traces in production logs keep their names and lines, and minifying
    // did not measurably shorten the start.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning'
  })
  const [codeFile, codeOutput] = Object.entries(code.metafile.outputs).find(([file]) => file.endsWith('.cjs')) ?? []
  if (codeFile === undefined || codeOutput === undefined) throw new Error('esbuild wrote no server code')
  const codeName = basename(codeFile)
  const codePath = join(root, codeFile)
  const source = readFileSync(codePath, 'utf8')
  const narrowSource = escapeWideCharacters(source)
  if (narrowSource !== source) writeFileSync(codePath, narrowSource)
  const codeBytes = Buffer.byteLength(narrowSource)
  const keptCache = keptCaches.get(`${codeName}${CODE_CACHE_SUFFIX}`)
  if (keptCache !== undefined) writeFileSync(join(outdir, `${codeName}${CODE_CACHE_SUFFIX}`), keptCache)
  const launcher = await build({
    absWorkingDir: root,
    entryPoints: { [SERVER_BUNDLE_ENTRY.replace(/\.mjs$/, '')]: join(root, 'src', 'launch.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    define: { SERVER_CODE_FILE: JSON.stringify(codeName) },
    metafile: true,
    logLevel: 'warning'
  })
  const launcherBytes = Object.values(launcher.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
  return {
    entry: join(outdir, SERVER_BUNDLE_ENTRY),
    code: join(outdir, codeName),
    bytes: codeBytes + launcherBytes,
    files: 2,
    milliseconds: Math.round(performance.now() - started)
  }
}
