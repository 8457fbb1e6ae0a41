import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  valueFromASTUntyped,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { receivedReferral } from './support/referrals.js';
import { graphql, tokenFor, type GraphQLResponse } from './support/gateway-client.js';
import { callSubgraph, stackSigner, vouchedFor } from './support/subgraph-call.js';
import { sqlStatements } from './support/sql-counter.js';

// Every string, id and date a client can send — every argument of every field of every subgraph, through
// input objects, lists and nested inputs — is tried with hostile bytes, impossible dates and over-long text.
// The walk is over the SDL, so a new input is tried as soon as it is added.

const subgraphs = ['patient', 'care-pathway', 'scheduling', 'audit'] as const;
type SubgraphName = (typeof subgraphs)[number];
const oliviaBennett = '5e1f0c3a-0000-4000-8000-000000000001';
const georgeMcAllister = '5e1f0c3a-0000-4000-8000-000000000004';
const someId = '00000000-0000-4000-8000-000000000000';

function subgraphSchema(name: SubgraphName): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(readFileSync(new URL(`../../schema/${name}.graphql`, import.meta.url), 'utf8')) });
}

/** An input's `@constraint`, read from the SDL (defaults: one line, 200 characters, 100 items). */
function constraintOf(input: GraphQLArgument | GraphQLInputField): { maxLength: number; multiline: boolean; maxItems: number } {
  const directive = input.astNode?.directives?.find((d) => d.name.value === 'constraint');
  const args = Object.fromEntries((directive?.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
  return {
    maxLength: (args.maxLength as number | undefined) ?? 200,
    multiline: args.multiline === true,
    maxItems: (args.maxItems as number | undefined) ?? 100,
  };
}

/** A value of `type` that passes every check: required fields filled, optional ones left out. */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [placeholder(type.ofType)];
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(fields.map((f) => [f.name, placeholder(f.type)]));
  }
  if (isEnumType(type)) return type.getValues()[0]!.value;
  const scalars: Record<string, unknown> = {
    String: 'x',
    ID: someId,
    Int: 1,
    Float: 0.9,
    Boolean: false,
    Date: '2026-01-01',
    DateTime: '2026-01-01T09:00:00Z',
  };
  if (!(type.name in scalars)) throw new Error(`No placeholder for scalar ${type.name}: add one.`);
  return scalars[type.name];
}

/** One place a client can put a value: the argument path the refusal must name, and how to put it there. */
interface InputPlace {
  path: string;
  kind: 'text' | 'date' | 'dateTime' | 'list';
  constraint: ReturnType<typeof constraintOf>;
  /** For a list: a valid item, to send one too many of. */
  item?: unknown;
  /** The field's arguments with `value` at this place and placeholders everywhere else. */
  argumentsWith: (value: unknown) => Record<string, unknown>;
}

function placesIn(field: GraphQLField<unknown, unknown>): InputPlace[] {
  const base = Object.fromEntries(field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, placeholder(a.type)]));
  const places: InputPlace[] = [];
  const visit = (
    type: GraphQLInputType,
    input: GraphQLArgument | GraphQLInputField,
    path: string,
    put: (value: unknown) => Record<string, unknown>,
    seen: Set<string>,
  ): void => {
    const constraint = constraintOf(input);
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      places.push({ path, kind: 'list', constraint, item: placeholder(inner.ofType), argumentsWith: put });
      visit(inner.ofType, input, `${path}[0]`, (value) => put([value]), seen);
      return;
    }
    const named = getNamedType(inner);
    if (isInputObjectType(named)) {
      if (seen.has(named.name)) return;
      for (const child of Object.values(named.getFields())) {
        const filled = placeholder(named) as Record<string, unknown>;
        visit(
          child.type,
          child,
          `${path}.${child.name}`,
          (value) => put({ ...filled, [child.name]: value }),
          new Set([...seen, named.name]),
        );
      }
      return;
    }
    const kinds: Record<string, InputPlace['kind']> = { String: 'text', ID: 'text', Date: 'date', DateTime: 'dateTime' };
    const kind = kinds[named.name];
    if (kind) places.push({ path, kind, constraint, argumentsWith: put });
  };
  for (const arg of field.args) visit(arg.type, arg, arg.name, (value) => ({ ...base, [arg.name]: value }), new Set());
  return places;
}

// Hostile values, taken in turn so that across the walk every place meets several and every kind is used.
const hostileText = (maxLength: number, multiline: boolean): [string, string][] => [
  ['a NUL byte', 'ab\u0000cd'],
  ['a lone surrogate', 'ab\ud800cd'],
  ['a control character', 'ab\u0007cd'],
  ['a right-to-left override', 'Smith\u202ehtimS'],
  ['over-long text', 'a'.repeat(maxLength + 1)],
  ...(multiline ? [['a carriage return', 'a\r\nb'] as [string, string]] : [['a line break', 'a\nb'] as [string, string]]),
  ['a right-to-left isolate', 'ab\u2067cd'],
  ['a lone low surrogate', '\udc00'],
];
const hostileDates: unknown[] = ['0000-01-01', '2026-02-30', '1899-12-31', '2101-01-01', '26-01-01', 20260101, '2026-1-1'];
const hostileDateTimes: unknown[] = [
  '0000-01-01T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '2026-01-01T25:00:00Z',
  '2026-01-01T10:00:00',
  'yesterday',
];

/** How to reach a field that is not at the root: a parent the caller can see. */
interface Reach {
  wrap: (inner: string) => string;
  /** The operation's variables for the parent (`$parentId: ID!`), if it needs any. */
  definitions: string[];
  variables: () => Record<string, unknown>;
  /** Who asks: a portal patient or a clinician through the gateway, or the gateway itself, straight to the subgraph. */
  caller: 'portal' | 'clinician' | 'gateway';
}

let pathwayId: string;
const byId = (wrap: (inner: string) => string, id: () => string, caller: Reach['caller']): Reach => ({
  wrap,
  definitions: ['$parentId: ID!'],
  variables: () => ({ parentId: id() }),
  caller,
});
const reach: Record<string, Reach> = {
  Patient: byId(
    (inner) => `patient(id: $parentId) { ${inner} }`,
    () => oliviaBennett,
    'portal',
  ),
  Pathway: byId(
    (inner) => `pathway(id: $parentId) { ${inner} }`,
    () => pathwayId,
    'clinician',
  ),
  MultidisciplinaryAssessment: byId(
    (inner) => `pathway(id: $parentId) { assessments { ${inner} } }`,
    () => pathwayId,
    'clinician',
  ),
  // The gateway's own sign-in look-up: hidden from the API, answered only to the gateway.
  SessionRoleProfile: {
    wrap: (inner) => `_sessionRoleProfile(userId: "dr.amelia.hart", roleProfileId: "rp-hart-rx1") { ${inner} }`,
    definitions: [],
    variables: () => ({}),
    caller: 'gateway',
  },
};

interface Case {
  subgraph: SubgraphName;
  /** A root field: nothing but the refusal runs (a nested one needs its parent read first). */
  root: boolean;
  coordinate: string;
  place: InputPlace;
  what: string;
  value: unknown;
  send: (value: unknown) => Promise<GraphQLResponse>;
}

const tokens: Record<'portal' | 'clinician', string> = { portal: '', clinician: '' };

function casesOf(subgraph: SubgraphName): Case[] {
  const schema = subgraphSchema(subgraph);
  const cases: Case[] = [];
  let turn = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    const root = type === schema.getQueryType() || type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0 || field.name.startsWith('_entities')) continue;
      const places = placesIn(field);
      if (places.length === 0) continue;
      const coordinate = `${type.name}.${field.name}`;
      const parent = root ? undefined : reach[type.name];
      const hidden = (field.astNode?.directives?.some((d) => d.name.value === 'inaccessible') ?? false) || parent?.caller === 'gateway';
      if (!root && !parent)
        throw new Error(`${coordinate} takes input but the test has no way to reach a ${type.name}: add it to \`reach\`.`);
      const selection = isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '';
      const definitions = field.args.map((a) => `$${a.name}: ${String(a.type)}`);
      const call = `${field.name}(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${selection}`;
      const operation = type === schema.getMutationType() ? 'mutation' : 'query';
      const document = parent
        ? `${operation} (${[...parent.definitions, ...definitions].join(', ')}) { ${parent.wrap(call)} }`
        : `${operation} (${definitions.join(', ')}) { ${call} }`;
      const send = async (value: unknown, place: InputPlace) => {
        const variables = { ...(parent?.variables() ?? {}), ...place.argumentsWith(value) };
        if (!hidden) return graphql(document, { token: tokens[parent?.caller === 'portal' ? 'portal' : 'clinician'], variables });
        // Hidden from the public API (@inaccessible): only the gateway or another service can send it, so it is
        // sent straight to its subgraph with a credential signed as the gateway signs it.
        const caller = parent?.caller === 'gateway' ? vouchedFor.gateway : vouchedFor.consultant;
        return callSubgraph(subgraph, await stackSigner(), { ...caller, requestId: randomUUID() }, document, variables);
      };
      for (const place of places) {
        const values: [string, unknown][] =
          place.kind === 'text'
            ? hostileText(place.constraint.maxLength, place.constraint.multiline)
            : place.kind === 'date'
              ? hostileDates.map((d) => [`the date ${JSON.stringify(d)}`, d])
              : place.kind === 'dateTime'
                ? hostileDateTimes.map((d) => [`the date-time ${JSON.stringify(d)}`, d])
                : [
                    [
                      `a list of ${place.constraint.maxItems + 1} items`,
                      Array.from({ length: place.constraint.maxItems + 1 }, () => place.item),
                    ],
                  ];
        const [what, value] = values[turn++ % values.length]!;
        cases.push({ subgraph, root, coordinate, place, what, value, send: (v) => send(v, place) });
      }
    }
  }
  return cases;
}

const cases = subgraphs.flatMap(casesOf);

beforeAll(async () => {
  tokens.portal = await tokenFor('olivia.bennett', 'rp-bennett-portal');
  tokens.clinician = await tokenFor('dr.amelia.hart', 'rp-hart-rx1');
  // Received for Cardiology, so Dr Hart's team has the relationship the assessment below needs.
  const referral = await receivedReferral({
    patientId: georgeMcAllister,
    specialty: 'Cardiology',
    // Running text keeps its line breaks and tabs.
    reason: 'Joint pain.\n\tBoth knees, worse on stairs.',
    receivedOn: '2026-09-01',
  });
  pathwayId = referral.pathway.id;
  const assessment = await graphql(
    `
      mutation ($input: StartAssessmentInput!) {
        startAssessment(input: $input) {
          id
        }
      }
    `,
    {
      token: tokens.clinician,
      variables: { input: { pathwayId, title: 'Joint review' } },
    },
  );
  expect(assessment.body.errors).toBeUndefined();
});

describe('input hygiene: every input of every subgraph', () => {
  test('the walk finds the inputs the findings were about', () => {
    const places = new Set(cases.map((c) => `${c.coordinate}:${c.place.path}`));
    for (const place of [
      'Mutation.registerPatient:input.givenName',
      'Mutation.emergencyAccess:reason',
      'Mutation.createReferral:input.receivedOn',
      'Mutation.fileClinicalDocument:input.sections[0].text',
      'Mutation.nominateItemViewers:userIds',
      'Patient.problems:sealOverrideJustification',
    ])
      expect(places).toContain(place);
  });

  test.each(cases.map((c) => [`${c.coordinate}(${c.place.path}) with ${c.what}`, c] as const))(
    '%s is BAD_USER_INPUT naming the path',
    async (_name, { place, value, send }) => {
      const { status, body } = await send(value);
      expect(status).toBeLessThan(500);
      const refusal = body.errors?.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
      expect(refusal?.extensions?.field).toBe(place.path);
      expect(refusal?.message).toContain(place.path);
    },
  );
});

describe('nothing runs when an input is refused', () => {
  test('not a statement reaches the database for a whole round of refused inputs', async () => {
    const before = await Promise.all(subgraphs.map((s) => sqlStatements(s)));
    for (const c of cases.filter((c, i) => c.root && i % 3 === 0)) await c.send(c.value);
    const after = await Promise.all(subgraphs.map((s) => sqlStatements(s)));
    // The patient subgraph answers the gateway's sign-in check, once a minute per session, and nothing else.
    expect(after[0]! - before[0]!).toBeLessThanOrEqual(2);
    expect(after.slice(1)).toEqual(before.slice(1));
  }, 60_000);
});

describe('what the findings sent', () => {
  test('`receivedOn: "0000-01-01"` written in the document is BAD_USER_INPUT naming the field', async () => {
    const { body } = await graphql(
      `mutation { createReferral(input: { patientId: "${georgeMcAllister}", referringOrganisation: "A81001", referringClinician: "Dr Lee",
        receivingOrganisation: "RX1", specialty: "Cardiology", priority: ROUTINE, reason: "Chest pain", receivedOn: "0000-01-01" }) { id } }`,
      { token: tokens.clinician },
    );
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
    expect(body.errors?.[0]?.message).toMatch(/1900 and 2100/);
  });

  test('an emergency reason of 100,000 characters is refused, and nothing reaches the security log', async () => {
    const before = await sqlStatements('patient', 'audit');
    const { body } = await graphql(
      'mutation ($r: String!) { emergencyAccess(patientId: "' + georgeMcAllister + '", reason: $r) { expiresAt } }',
      {
        token: tokens.clinician,
        variables: { r: 'x'.repeat(100_000) },
      },
    );
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await sqlStatements('patient', 'audit')).toBe(before);
  });

  test('a name with a right-to-left override is refused; a name in Arabic script is not', async () => {
    const clerk = await tokenFor('clerk.chloe.reid', 'rp-reid-rx1');
    const register = (givenName: string) =>
      graphql<{ registerPatient: { name: { given: string } } }>(
        'mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { name { given } } }',
        { token: clerk, variables: { input: { givenName, familyName: 'Haddad', birthDate: '1990-05-05' } } },
      );
    expect((await register('Ali\u202eila')).body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.givenName' });
    const arabic = await register('علي');
    expect(arabic.body.errors).toBeUndefined();
    expect(arabic.body.data?.registerPatient.name.given).toBe('علي');
  });
});
