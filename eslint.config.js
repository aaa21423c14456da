import neostandard from 'neostandard'

export default [
  ...neostandard({
    ts: true,
    ignores: ['dist/**', 'coverage/**', '.tap/**', 'var/**']
  }),
  {
    // TypeBox's idiom: a schema and its static type share one name (`Topic` the value, `Topic` the type).
    files: ['src/schemas/**/*.ts', 'src/content/schemas.ts', 'src/content/*-schema.ts'],
    rules: { '@typescript-eslint/no-redeclare': 'off' }
  }
]
