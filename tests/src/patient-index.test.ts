import pg from 'pg';
import { graphql } from './support/gateway-client.js';
import { stackState } from './support/stack-state.js';
import { demoPatients, tokenOf } from './support/people.js';

// The master patient index through the gateway, as a booking clerk and a clinician use it.
const clerk = () => tokenOf('clerk');
const clinician = () => tokenOf('consultant');

const oliviaBennett = demoPatients.olivia.id;
const jonathanSmithJones = demoPatients.jonathan.id;
const thomasONeill = demoPatients.thomas.id;

const register = `mutation ($input: RegisterPatientInput!) {
  registerPatient(input: $input) {
    id nhsNumber temporaryIdentity name { given family } birthDate sex genderIdentity
    address { lines postcode } telephone email registeredGpPractice { odsCode name }
    localIdentifiers { organisation { odsCode } value }
  }
}`;

const search = `query ($criteria: PatientSearchInput!, $first: Int, $after: String) {
  searchPatients(criteria: $criteria, first: $first, after: $after) {
    edges { cursor score node { id nhsNumber name { given family } birthDate } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface SearchResult {
  searchPatients: {
    edges: { cursor: string; score: number; node: { id: string; nhsNumber: string | null; name: { given: string; family: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function searchFor(criteria: Record<string, unknown>, first = 20, after?: string) {
  const { body } = await graphql<SearchResult>(search, { token: await clinician(), variables: { criteria, first, after } });
  expect(body.errors).toBeUndefined();
  return body.data!.searchPatients;
}

async function countRows(sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

const rowsWritten = () =>
  countRows(`SELECT (SELECT count(*) FROM patient.patient) + (SELECT count(*) FROM patient.local_identifier)
           + (SELECT count(*) FROM patient.duplicate_candidate) + (SELECT count(*) FROM patient.patient_previous_name) AS n`);

describe('registering patients', () => {
  test('a full registration is stored in standard form and read back', async () => {
    const { body } = await graphql<{ registerPatient: Record<string, unknown> }>(register, {
      token: await clerk(),
      variables: {
        input: {
          nhsNumber: '999 001 2008',
          givenName: 'Mary-Jane',
          familyName: 'Featherstonehaugh',
          birthDate: '1983-02-14',
          sex: 'FEMALE',
          genderIdentity: 'FEMALE',
          address: { lines: ['14 Kirkgate', 'Northfield'], postcode: 'ls2 7da' },
          telephone: '0113 496 0999',
          email: 'mj.f@example.org',
          registeredGpPractice: 'a81001',
          localIdentifiers: [{ organisation: 'RX1', value: 'RX1-0099001' }],
        },
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.registerPatient).toMatchObject({
      nhsNumber: '9990012008',
      temporaryIdentity: null,
      name: { given: 'Mary-Jane', family: 'Featherstonehaugh' },
      sex: 'FEMALE',
      address: { lines: ['14 Kirkgate', 'Northfield'], postcode: 'LS2 7DA' },
      registeredGpPractice: { odsCode: 'A81001', name: 'Riverside Medical Practice' },
      localIdentifiers: [{ organisation: { odsCode: 'RX1' }, value: 'RX1-0099001' }],
    });
  });

  test('an unidentified patient gets a temporary identity, and an NHS number once identified', async () => {
    const { body } = await graphql<{ registerPatient: { id: string; nhsNumber: null; temporaryIdentity: string } }>(register, {
      token: await clerk(),
      variables: { input: { givenName: 'Unknown', familyName: 'Quillfeather', birthDate: '1960-01-01', sex: 'MALE' } },
    });
    expect(body.errors).toBeUndefined();
    const patient = body.data!.registerPatient;
    expect(patient).toMatchObject({ nhsNumber: null, temporaryIdentity: expect.stringMatching(/^TMP-[2-9A-Z]{8}$/) });

    const update = await graphql<{ updatePatient: { nhsNumber: string; temporaryIdentity: string } }>(
      `
        mutation ($input: UpdatePatientInput!) {
          updatePatient(input: $input) {
            nhsNumber
            temporaryIdentity
          }
        }
      `,
      { token: await clerk(), variables: { input: { id: patient.id, nhsNumber: '9990012016' } } },
    );
    expect(update.body.errors).toBeUndefined();
    expect(update.body.data!.updatePatient).toEqual({ nhsNumber: '9990012016', temporaryIdentity: patient.temporaryIdentity });
  });

  test('a change of name keeps the old name, and search still finds the patient by it', async () => {
    const { body } = await graphql<{ registerPatient: { id: string } }>(register, {
      token: await clerk(),
      variables: { input: { nhsNumber: '9990012024', givenName: 'Imogen', familyName: 'Thistlewood', birthDate: '1992-08-30' } },
    });
    const id = body.data!.registerPatient.id;
    const update = await graphql<{ updatePatient: { name: { family: string }; previousNames: { given: string; family: string }[] } }>(
      `
        mutation ($input: UpdatePatientInput!) {
          updatePatient(input: $input) {
            name {
              family
            }
            previousNames {
              given
              family
            }
          }
        }
      `,
      { token: await clerk(), variables: { input: { id, familyName: 'Ashdown', dateOfDeath: null } } },
    );
    expect(update.body.errors).toBeUndefined();
    expect(update.body.data!.updatePatient).toEqual({
      name: { family: 'Ashdown' },
      previousNames: [{ given: 'Imogen', family: 'Thistlewood' }],
    });
    for (const criteria of [{ familyName: 'Thistlewood', givenName: 'Imogen' }, { familyName: 'Thistlewood' }]) {
      expect((await searchFor(criteria)).edges.map((e) => e.node.id)).toEqual([id]);
    }
  });
});

describe('finding the right patient', () => {
  test('typos, sound-alikes and the start of a given name still find Jonathan Smith-Jones at the top', async () => {
    // The demo data also holds him as "Jon Smith Jones", unidentified: either record may come first.
    for (const criteria of [
      { familyName: 'Smith-Jones', givenName: 'Jonathan' },
      { familyName: 'Smyth', givenName: 'Jon' },
      { familyName: 'Jones', givenName: 'John', birthDate: '1978-11-02' },
      { familyName: 'Smith Jnoes', givenName: 'Jonathon' },
    ]) {
      const { edges } = await searchFor(criteria);
      expect(edges.slice(0, 2).map((e) => e.node.id)).toContain(jonathanSmithJones);
      expect(edges[0]!.score).toBeGreaterThan(0.5);
    }
    const exact = await searchFor({ familyName: 'Smith-Jones', givenName: 'Jonathan', birthDate: '1978-11-02' });
    expect(exact.edges[0]).toMatchObject({ score: 1, node: { id: jonathanSmithJones } });
  });

  test('an exact match outranks a near one, and scores say how near', async () => {
    const { edges } = await searchFor({ familyName: 'Bennett', givenName: 'Olivia', birthDate: '1954-03-12' });
    expect(edges[0]).toMatchObject({ score: 1, node: { id: oliviaBennett } });
    const typo = await searchFor({ familyName: 'Benett', givenName: 'Olvia', birthDate: '1954-12-03' });
    expect(typo.edges[0]!.node.id).toBe(oliviaBennett);
    expect(typo.edges[0]!.score).toBeLessThan(1);
    expect(typo.edges[0]!.score).toBeGreaterThan(0.6);
  });

  test('a maiden name, an apostrophe left out and a birth date alone all find the patient', async () => {
    expect((await searchFor({ familyName: 'Clarke', givenName: 'Olivia' })).edges[0]?.node.id).toBe(oliviaBennett);
    expect((await searchFor({ familyName: 'oneill' })).edges[0]?.node.id).toBe(thomasONeill);
    expect((await searchFor({ birthDate: '1966-09-17' })).edges.map((e) => e.node.id)).toContain(thomasONeill);
  });

  test('an NHS number is an exact match', async () => {
    const { edges, pageInfo } = await searchFor({ nhsNumber: '999 000 0018', familyName: 'ignored' });
    expect(edges).toEqual([expect.objectContaining({ score: 1, node: expect.objectContaining({ id: oliviaBennett }) })]);
    expect(pageInfo.hasNextPage).toBe(false);
  });

  test('results come a page at a time, without repeats, through the cursor', async () => {
    const all = await searchFor({ familyName: 'Smith' }, 100);
    expect(all.edges.length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await searchFor({ familyName: 'Smith' }, 1, after);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
  });
});

describe('bad input is refused with a typed error, and nothing is written', () => {
  const valid = { nhsNumber: '9990012032', givenName: 'Peter', familyName: 'Wimsey', birthDate: '1970-01-01' };

  test.each([
    ['an invalid NHS number', { nhsNumber: '9990012033' }, 'BAD_USER_INPUT', 'input.nhsNumber', /check digit/],
    ['a birth date in the future', { birthDate: '2099-01-01' }, 'BAD_USER_INPUT', 'input.birthDate', /future/],
    [
      'a postcode that is not one',
      { address: { lines: ['1 Road'], postcode: 'LS1 ZZZ' } },
      'BAD_USER_INPUT',
      'input.address.postcode',
      /postcode/,
    ],
    ['a GP practice not in the directory', { registeredGpPractice: 'Z99999' }, 'BAD_USER_INPUT', 'input.registeredGpPractice', /directory/],
    [
      'a local identifier already used in that organisation',
      { localIdentifiers: [{ organisation: 'RX1', value: 'RX1-0042317' }] },
      'CONFLICT',
      'input.localIdentifiers[0].value',
      /RX1 already uses/,
    ],
    ['an NHS number already registered', { nhsNumber: '9990000018' }, 'CONFLICT', 'input.nhsNumber', /already registered/],
  ])('%s', async (_label, change, code, field, message) => {
    const before = await rowsWritten();
    const { status, body } = await graphql(register, { token: await clerk(), variables: { input: { ...valid, ...change } } });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code, field });
    expect(body.errors![0]!.message).toMatch(message);
    expect(await rowsWritten()).toBe(before);
  });

  test('a local identifier already used is refused when added later too', async () => {
    const before = await rowsWritten();
    const { body } = await graphql(
      `
        mutation ($input: AddLocalIdentifierInput!) {
          addLocalIdentifier(input: $input) {
            id
          }
        }
      `,
      {
        token: await clerk(),
        variables: { input: { patientId: thomasONeill, identifier: { organisation: 'RX1', value: 'RX1-0042317' } } },
      },
    );
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.identifier.value' });
    expect(await rowsWritten()).toBe(before);
  });

  test('a search with nothing to search by says what to give', async () => {
    const { body } = await graphql(search, { token: await clinician(), variables: { criteria: { givenName: 'John' } } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'criteria.givenName' });
  });

  test('an unknown id is simply not found', async () => {
    const { body } = await graphql(
      `
        {
          patient(id: "not-a-patient") {
            id
          }
          byUuid: patient(id: "00000000-0000-4000-8000-000000000000") {
            id
          }
        }
      `,
      {
        token: await clinician(),
      },
    );
    expect(body).toEqual({ data: { patient: null, byUuid: null } });
  });
});
