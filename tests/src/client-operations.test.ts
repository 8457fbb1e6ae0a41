import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { exampleOperations, type ExampleOperation } from '@epr/client/examples';
import { repoRoot } from '@epr/tools/db/repo-root';
import { graphql, tokenFor } from './support/gateway-client.js';

// Every example operation of the typed client (packages/client/operations), run through the gateway as the
// role it is written for: what a partner copies must work as it stands.
const folder = join(repoRoot(), 'packages', 'client', 'operations');
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.graphql'))
  .sort();

function operationsIn(file: string): OperationDefinitionNode[] {
  return parse(readFileSync(join(folder, file), 'utf8')).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
}

function operationName(file: string): string {
  const [operation, ...others] = operationsIn(file);
  if (!operation?.name || others.length > 0) throw new Error(`${file} must hold exactly one named operation.`);
  return operation.name.value;
}

type Send = (who: ExampleOperation['signIn'], query: string, variables?: Record<string, unknown>) => Promise<Record<string, unknown>>;

const send: Send = async (who, query, variables = {}) => {
  const { status, body } = await graphql(query, { token: await tokenFor(who.user, who.roleProfile), variables });
  if (status !== 200 || body.errors || !body.data) throw new Error(`${query.slice(0, 60)}…: ${status} ${JSON.stringify(body.errors)}`);
  return body.data;
};

/**
 * Writes run with variables fitted to the shared test stack, and are undone afterwards, so the demo patients
 * stay as other tests expect them: a booking goes to a patient of this test's own, into a slot FreeSlots found.
 */
const fitted: Record<
  string,
  { variables: () => Promise<Record<string, unknown>>; undo: (data: Record<string, unknown>) => Promise<void> }
> = {
  BookAppointment: {
    variables: async () => {
      const clerk = exampleOperations['BookAppointment']!.signIn;
      const registered = await send(
        clerk,
        `mutation { registerPatient(input: { givenName: "Example", familyName: "Booking", birthDate: "1980-01-01" }) { id } }`,
      );
      const slots = await send(
        exampleOperations['FreeSlots']!.signIn,
        exampleOperations['FreeSlots']!.query,
        exampleOperations['FreeSlots']!.variables,
      );
      const slot = (slots['freeSlots'] as { id: string }[])[0];
      if (!slot) throw new Error('FreeSlots found no free slot to book.');
      return { input: { patientId: (registered['registerPatient'] as { id: string }).id, slotId: slot.id } };
    },
    undo: async (data) => {
      await send(
        exampleOperations['BookAppointment']!.signIn,
        `mutation ($id: ID!) { cancelAppointment(input: { appointmentId: $id, by: HOSPITAL, reason: "Example booking, undone" }) { id } }`,
        { id: (data['bookAppointment'] as { id: string }).id },
      );
    },
  },
  NominateItemViewers: {
    variables: async () => exampleOperations['NominateItemViewers']!.variables,
    undo: async () => {
      const { signIn, query, variables } = exampleOperations['NominateItemViewers']!;
      await send(signIn, query, { ...variables, userIds: [] });
    },
  },
};

/**
 * Where nothing came back: a null down to `depth` levels, or an empty result list (an operation's own list, or
 * the `edges`/`entries` of a page). Other lists may rightly be empty (a patient with no sealed items).
 */
function emptyPaths(value: unknown, depth: number, path = 'data'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) {
    const resultList = path.split('.').length === 2 || /\.(edges|entries)$/.test(path);
    if (value.length === 0) return resultList ? [path] : [];
    return emptyPaths(value[0], depth - 1, `${path}.0`);
  }
  if (depth <= 0 || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => emptyPaths(child, depth - 1, `${path}.${key}`));
}

describe('the typed client’s example operations', () => {
  test('the folder holds operations', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  test.each(files)('%s names who it is for, and its example is the file’s operation', (file) => {
    const name = operationName(file);
    const example = exampleOperations[name];
    if (!example)
      throw new Error(`${file}: operation ${name} has no entry in packages/client/src/examples.ts saying which role it is for.`);
    expect(example.signIn).toEqual({ user: expect.any(String), roleProfile: expect.any(String) });
    expect(print(parse(example.query))).toBe(print({ kind: Kind.DOCUMENT, definitions: operationsIn(file) }));
  });

  test('every example has its operation file', () => {
    expect(Object.keys(exampleOperations).sort()).toEqual(files.map(operationName).sort());
  });

  test.each(files)('%s runs through the gateway as the role it is for, and data comes back', async (file) => {
    const name = operationName(file);
    const example = exampleOperations[name];
    if (!example) throw new Error(`${file}: operation ${name} has no role to run as (packages/client/src/examples.ts).`);
    const write = fitted[name];
    const variables = write ? await write.variables() : example.variables;
    const token = await tokenFor(example.signIn.user, example.signIn.roleProfile);
    const { status, body } = await graphql(example.query, { token, variables });
    try {
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
      expect(emptyPaths(body.data, 3)).toEqual([]);
    } finally {
      if (write && body.data) await write.undo(body.data);
    }
  });
});
