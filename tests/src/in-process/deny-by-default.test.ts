import { parse, graphql as execute } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { deriveFieldRules, protectSchema, subgraphNames, type PatientLocators, type SubgraphName } from '@epr/platform';
import { subgraphSdl, subgraphSdlSchema } from '../support/subgraph-sdl.js';
import { patientOf as patientLocators } from '@epr/subgraph-patient/patient-locators';
import { patientOf as carePathwayLocators } from '@epr/subgraph-care-pathway/patient-locators';
import { patientOf as schedulingLocators } from '@epr/subgraph-scheduling/patient-locators';
import { patientOf as auditLocators } from '@epr/subgraph-audit/patient-locators';

// Keyed by the manifest's names: a subgraph added there without its locators does not type-check.
const locators: Record<SubgraphName, PatientLocators> = {
  patient: patientLocators,
  'care-pathway': carePathwayLocators,
  scheduling: schedulingLocators,
  audit: auditLocators,
};
const subgraphs = subgraphNames.map((name) => [name, locators[name]] as const);

const guardDefinitions = subgraphSdl('patient').match(/"""\nHow a field is guarded[\s\S]*?\n}\n/)![0];

function toySchema(types: string, resolvers: Record<string, Record<string, () => unknown>>) {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])
    ${guardDefinitions}
    ${types}
  `);
  return buildSubgraphSchema({ typeDefs, resolvers });
}

describe('deny by default: every field is classified and its rule derived from its class', () => {
  test.each(subgraphs)('every field of the %s subgraph has a class, and every patient-bound one a patient', (name, locators) => {
    expect(deriveFieldRules(subgraphSdlSchema(name), locators).problems).toEqual([]);
  });

  test('a field added without a class is found by the walk and refused at run time', async () => {
    const schema = toySchema(
      `type Record @key(fields: "id") @guard(class: KEY) { id: ID! }
       type Query { ruled: String @guard(class: KEY) unruled: String }`,
      {
        Query: { ruled: () => 'ok', unruled: () => 'leak' },
      },
    );
    const { rules, problems } = deriveFieldRules(schema, {});
    expect(problems).toEqual(['Query.unruled has no @guard class (on the field or its type): say what data it carries.']);
    const result = await execute({ schema: protectSchema(schema, rules), source: '{ ruled unruled }', contextValue: {} });
    expect(result.data).toEqual({ ruled: 'ok', unruled: null });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  test('clinical content on a type that cannot name its patient is refused at build time', () => {
    const schema = toySchema(
      `type Letter @guard(class: CLINICAL) { body: String }
       type Query { letter: Letter @guard(class: CLINICAL) }`,
      {},
    );
    expect(deriveFieldRules(schema, {}).problems).toEqual([
      'Letter.body is CLINICAL (patient-bound) but Letter has no patient locator: give the type one, or return objects.',
    ]);
    expect(deriveFieldRules(schema, { Letter: (letter: { patientId: string }) => letter.patientId }).problems).toEqual([]);
  });

  test('an unknown class or activity is refused at build time', () => {
    const schema = toySchema(
      `type Query { a: String @guard(class: KEY, activity: "clinical.peek") }
       type Mutation { b: String @guard(class: REPORT) }`,
      {},
    );
    expect(deriveFieldRules(schema, {}).problems).toEqual([
      'Query.a: @guard names unknown activity "clinical.peek".',
      'Query.a has no @guard class (on the field or its type): say what data it carries.',
      'Mutation.b: class REPORT has no write activity; name one with @guard(activity: "…").',
    ]);
  });
});
