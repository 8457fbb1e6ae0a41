import pg from 'pg';
import { graphql } from './support/gateway-client.js';
import { stackState } from './support/stack-state.js';
import { tokenOf } from './support/people.js';

const register = `mutation ($input: RegisterPatientInput!) {
  registerPatient(input: $input) { id nhsNumber name { given family } birthDate }
}`;

async function patientCount(): Promise<number> {
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM patient.patient');
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('registering a patient through the gateway', () => {
  test('a valid registration is stored and can be found by NHS number', async () => {
    const token = await tokenOf('clerk');
    const { body } = await graphql<{ registerPatient: { id: string; nhsNumber: string } }>(register, {
      token,
      variables: { input: { nhsNumber: '999 000 0646', givenName: 'Harriet', familyName: 'Vane', birthDate: '1988-06-01' } },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.registerPatient).toMatchObject({
      nhsNumber: '9990000646',
      name: { given: 'Harriet', family: 'Vane' },
      birthDate: '1988-06-01',
    });
    const found = await graphql<{ patientByNhsNumber: { id: string } }>('{ patientByNhsNumber(nhsNumber: "9990000646") { id } }', {
      token,
    });
    expect(found.body.data!.patientByNhsNumber.id).toBe(body.data!.registerPatient.id);
  });

  test.each([
    ['an NHS number failing Modulus 11', { nhsNumber: '9990000647' }, 'input.nhsNumber'],
    ['an NHS number of the wrong length', { nhsNumber: '99900006' }, 'input.nhsNumber'],
    ['a birth date in the future', { birthDate: '2099-01-01' }, 'input.birthDate'],
  ])('%s gets BAD_USER_INPUT naming the field, and nothing is written', async (_label, change, field) => {
    const token = await tokenOf('clerk');
    const before = await patientCount();
    const { status, body } = await graphql(register, {
      token,
      variables: { input: { nhsNumber: '9990000719', givenName: 'Peter', familyName: 'Wimsey', birthDate: '1970-01-01', ...change } },
    });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(body.errors![0]!.message).not.toMatch(/prisma|sql|postgres/i);
    expect(await patientCount()).toBe(before);
  });

  test('an NHS number already registered is a CONFLICT, and nothing is written', async () => {
    const token = await tokenOf('clerk');
    const before = await patientCount();
    const { body } = await graphql(register, {
      token,
      variables: { input: { nhsNumber: '9990000018', givenName: 'Olivia', familyName: 'Bennett', birthDate: '1954-03-12' } },
    });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.nhsNumber' });
    expect(await patientCount()).toBe(before);
  });
});
