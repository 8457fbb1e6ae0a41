import { readFileSync } from 'node:fs';
import { parse, graphql as execute } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { allow, fieldsWithoutRule, protectSchema, type FieldRules } from '@epr/platform';
import { rules as patientRules } from '@epr/subgraph-patient/rules';
import { rules as carePathwayRules } from '@epr/subgraph-care-pathway/rules';
import { rules as schedulingRules } from '@epr/subgraph-scheduling/rules';
import { rules as auditRules } from '@epr/subgraph-audit/rules';

const subgraphs: [string, FieldRules][] = [
  ['patient', patientRules],
  ['care-pathway', carePathwayRules],
  ['scheduling', schedulingRules],
  ['audit', auditRules],
];

function subgraphSchema(name: string) {
  const sdl = readFileSync(new URL(`../../schema/${name}.graphql`, import.meta.url), 'utf8');
  return buildSubgraphSchema({ typeDefs: parse(sdl) });
}

describe('deny by default', () => {
  test.each(subgraphs)('every field of the %s subgraph has an explicit rule', (name, rules) => {
    expect(fieldsWithoutRule(subgraphSchema(name), rules)).toEqual([]);
  });

  test('a field added without a rule is found by the walk and refused at run time', async () => {
    const typeDefs = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Record @key(fields: "id") { id: ID! }
      type Query { ruled: String unruled: String }
    `);
    const rules: FieldRules = { Query: { ruled: allow }, Record: allow };
    const schema = buildSubgraphSchema({ typeDefs, resolvers: { Query: { ruled: () => 'ok', unruled: () => 'leak' } } });
    expect(fieldsWithoutRule(schema, rules)).toEqual(['Query.unruled']);
    const result = await execute({ schema: protectSchema(schema, rules), source: '{ ruled unruled }', contextValue: {} });
    expect(result.data).toEqual({ ruled: 'ok', unruled: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
