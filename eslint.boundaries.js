// The layer boundaries of a subgraph (README "Layout"), shared by eslint.config.js and the test that shows they
// bite (tools/src/lint/lint-boundaries.test.ts). They use ESLint's own no-restricted-imports (through
// typescript-eslint, which tells a type import from a value import): a handful of path patterns, so a plugin would
// add weight and no reach.
const subgraphSources = 'subgraphs/*/src';

/** Imports a resolver may not make: stores, loaders and writers live in data/, behind the services. */
const dataLayer = { group: ['**/data/*', '**/data/**'], allowTypeImports: true };
/** Only data/ talks to the database. */
const databaseDrivers = {
  group: ['pg', '@prisma/*', '**/__generated__/prisma/*', '**/data/prisma.js'],
  message: 'Only data/ (stores, loaders, writers) talks to PostgreSQL; go through a service.',
};

// Later entries override earlier ones for the same rule, so the general rule comes first.
export const boundaryRules = [
  {
    files: [`${subgraphSources}/**/*.ts`],
    // data/ is the database layer; subgraph.ts wires it up; delivery/ is scheduling's outbox relay over its own table.
    ignores: [
      `${subgraphSources}/data/**`,
      `${subgraphSources}/subgraph.ts`,
      `${subgraphSources}/delivery/**`,
      `${subgraphSources}/**/*.test.ts`,
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ ...databaseDrivers, allowTypeImports: true }] }],
    },
  },
  {
    // Resolvers, and the file endpoints beside them (exports/), are the thin outer floor.
    files: [`${subgraphSources}/resolvers/**/*.ts`, `${subgraphSources}/exports/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...dataLayer,
              message: 'Resolvers and export routes call services (src/services/); stores, loaders and writers are the services’ to use.',
            },
            databaseDrivers,
          ],
        },
      ],
    },
  },
  {
    files: [`${subgraphSources}/domain/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...dataLayer, message: 'domain/ holds pure rules: no stores, loaders or writers (types of records only).' },
            { group: ['**/services/*', '**/resolvers/*'], message: 'domain/ holds pure rules and imports neither services nor resolvers.' },
            { ...databaseDrivers, allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['gateway/src/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [databaseDrivers] }] },
  },
];
