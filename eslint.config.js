// Lint: typescript-eslint with type information, plus the layer boundaries of a subgraph (eslint.boundaries.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaryRules } from './eslint.boundaries.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/__generated__/**',
      '.data/**',
      'coverage/**',
      '**/*.d.ts',
      // Fixtures that must fail lint (tools/src/lint/lint-boundaries.test.ts shows they do).
      'tools/src/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.lint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Async functions that satisfy an async interface (Apollo hooks, DataLoader batches) need not await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // One SQL idiom: statements are `Prisma.sql` (platform `sql`) templates, their values bound as parameters.
      'no-restricted-properties': [
        'error',
        ...['$queryRawUnsafe', '$executeRawUnsafe'].map((property) => ({
          property,
          message: 'Write the statement as a Prisma.sql template and run it with $queryRaw/$executeRaw.',
        })),
      ],
    },
  },
  {
    // The pages the gateway serves are browser code, type-checked as such (DOM, JSX, bundler resolution).
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    languageOptions: { parserOptions: { project: './web/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
  },
  ...boundaryRules,
  {
    files: ['**/*.test.ts', 'tests/**/*.ts', 'tools/src/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', globalThis: 'readonly' },
    },
  },
);
