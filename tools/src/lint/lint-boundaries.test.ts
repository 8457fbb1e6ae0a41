import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaryRules } from '../../../eslint.boundaries.js';

/*
 * The layer boundaries that `npm run lint` enforces, applied to fixture files laid out like a subgraph (they are
 * left out of the build and of the normal lint run): the rule-breaking ones are refused, the allowed ones pass.
 */
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function restrictedImports(file: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } },
      ...boundaryRules,
    ],
  });
  const [result] = await eslint.lintFiles([`subgraphs/example/src/${file}`]);
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer boundaries', () => {
  test('a resolver that imports a store is refused', async () => {
    expect(await restrictedImports('resolvers/resolver-reaching-a-store.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*Resolvers and export routes call services/),
    ]);
  });

  test('a file endpoint that imports a store is refused', async () => {
    expect(await restrictedImports('exports/export-reaching-a-store.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*export routes call services/),
    ]);
  });

  test('a pure rule that imports a store is refused', async () => {
    expect(await restrictedImports('domain/rule-reaching-a-store.ts')).toEqual([expect.stringMatching(/domain\/ holds pure rules/)]);
  });

  test('a service that talks to PostgreSQL itself is refused', async () => {
    expect(await restrictedImports('services/service-querying-postgres.ts')).toEqual([
      expect.stringMatching(/Only data\/ .* talks to PostgreSQL/),
    ]);
  });

  test('a resolver naming a record type, and a service using a store, pass', async () => {
    expect(await restrictedImports('resolvers/resolver-using-a-record-type.ts')).toEqual([]);
    expect(await restrictedImports('services/service-using-a-store.ts')).toEqual([]);
  });
});
