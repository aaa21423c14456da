import { readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { SERVER_BUNDLE_ENTRY } from '../bench/server-entry.js'

/**
 * Left to Node's own loading: better-sqlite3 is a native addon, found by its package through the
 * file system at run time. Everything else the server imports is in the bundle.
 */
const EXTERNAL_PACKAGES = ['better-sqlite3']

/**
 * Every chunk is an ES module, and the CommonJS packages inside call `require` for Node's
 * builtins: give them one. `__bundlePath` serves ownFilesInNodeModules below.
 */
const BANNER = [
  "import { createRequire as __createRequire } from 'node:module'",
  "import { dirname as __dirnameOf, join as __joinPath } from 'node:path'",
  "import { fileURLToPath as __fileURLToPath } from 'node:url'",
  'const require = __createRequire(import.meta.url)',
  'const __bundleDir = __dirnameOf(__fileURLToPath(import.meta.url))',
  'const __bundlePath = (path) => __joinPath(__bundleDir, path)'
].join(';\n')

/**
 * Some CommonJS packages find files of their own through `__dirname`: @fastify/swagger-ui its
 * static assets for /docs, pino and thread-stream the worker script of a log transport (pretty
 * logs in development), @fastify/swagger its package.json. Bundled, they would look next to the
 * bundle; this points `__dirname` and `__filename` back at the package's own folder in
 * node_modules, found relative to the bundle, so the bundle works wherever the tree is (the
 * container has node_modules beside dist/ as the repository does).
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

export interface ServerBundle {
  entry: string
  /** Bytes of every file written (the entry, the chunks it loads, the chunks loaded on first use). */
  bytes: number
  files: number
  milliseconds: number
}

/**
 * Bundles src/server.ts into one ES module and its lazily imported chunks (the MCP SDK, Graphviz),
 * written to `outdir` (emptied first). Loading ~1300 module files one by one was most of the time
 * from process start to ready; one file is read and compiled at once.
 */
export async function bundleServer (root: string, outdir: string): Promise<ServerBundle> {
  const started = performance.now()
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [SERVER_BUNDLE_ENTRY.replace(/\.mjs$/, '')]: join(root, 'src', 'server.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
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
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.mjs'))
  return {
    entry: join(outdir, SERVER_BUNDLE_ENTRY),
    bytes: outputs.reduce((sum, [, output]) => sum + output.bytes, 0),
    files: outputs.length,
    milliseconds: Math.round(performance.now() - started)
  }
}
