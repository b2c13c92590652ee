// @ts-check
/**
 * One small rule set for every workspace: ESLint's and typescript-eslint's recommended rules,
 * eslint-plugin-astro's for .astro files, and the import style of each part of the tree.
 */
import js from '@eslint/js'
import astro from 'eslint-plugin-astro'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const RELATIVE_WITH_TS_EXTENSION = '^\\.{1,2}/.*\\.tsx?$'
const RELATIVE_WITHOUT_EXTENSION = '^\\.{1,2}/(?!.*\\.(ts|tsx|mjs|js|json|astro|css)$).*$'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/.next*/',
      '**/.astro/',
      'data/',
      'cms/src/migrations/',
      'cms/src/app/(payload)/admin/importMap.js',
      'shared/src/payload-types.ts',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // Tests read JSON answers of every shape the API can give (errors included).
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Bundled by Next.js and esbuild: relative imports name modules without an extension.
    files: ['cms/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: RELATIVE_WITH_TS_EXTENSION,
              message: 'cms/src is bundled: import relative modules without the .ts extension.',
            },
          ],
        },
      ],
    },
  },
  {
    // Run by Node itself (type stripping), by Astro or by vitest: relative imports name the file.
    files: ['{scripts,bench,tests,shared,site,cms/scripts}/**/*.{ts,tsx,mjs,astro}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: RELATIVE_WITHOUT_EXTENSION,
              message: 'Node runs this file directly: name the imported file with its extension.',
            },
          ],
        },
      ],
    },
  },
)
