import { randomUUID } from 'node:crypto';
import type { Bundle } from '@medplum/fhirtypes';
import { as, careTeamId, portalUserOf, staffAt, tokenOf, type Person, type Staff } from './support/people.js';
import { fhir, resourcesOf } from './support/fhir-client.js';

/*
 * Correcting the clinical record (DCB0129): an item keeps its id and gains versions — amended, resolved or
 * stopped with dates, or marked entered in error — each change audited, the earlier versions readable to exactly
 * those who may read the item. Everyone here works at RX1, whose registration of the patient gives the whole
 * organisation a relationship, except the outsider (another trust, no relationship).
 */
const suffix = randomUUID().slice(0, 8);
const teamCode = `LC-${suffix}`;
let patientId: string;
let author: Staff; // a clinician in the authoring team
let teammate: Staff; // a nurse in the same team
let outsider: Staff; // a clinician of another trust, no relationship
let portal: Staff; // the patient, in the portal
const colleague: Person = 'consultant'; // RX1, another team: may read the item unless it is sealed
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type Body<T = Record<string, any>> = Awaited<ReturnType<typeof as<T>>>;

async function ok<T = Record<string, any>>(who: Person | Staff, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await as<T>(who, query, variables);
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

function refused(body: Body, code: string, field?: string) {
  expect(body.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
}

const problemFields = `id version status onsetDate resolvedOn enteredInError supersededAt code { term }
  change { kind reason changedBy { id } changedAt }`;
const problemView = `query ($id: ID!) { problem(id: $id) { ${problemFields} previousVersions { ${problemFields} previousVersions { id } } } }`;

async function recordProblem(term: string, extra: Record<string, unknown> = {}, who: Person | Staff = author): Promise<string> {
  const { recordProblem } = await ok<{ recordProblem: { id: string } }>(
    who,
    `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id } }`,
    { input: { patientId, code: { conceptId: '38341003', term }, ...extra } },
  );
  return recordProblem.id;
}

const amendProblem = `mutation ($input: AmendProblemInput!) { amendProblem(input: $input) { ${problemFields} previousVersions { ${problemFields} } } }`;
const markEnteredInError = `mutation ($input: MarkEnteredInErrorInput!) {
  markEnteredInError(input: $input) { __typename id version enteredInError change { kind reason } }
}`;

beforeAll(async () => {
  author = await staffAt('RX1', 'R8000', { teams: [teamCode] });
  teammate = await staffAt('RX1', 'R8001', { teams: [teamCode] });
  outsider = await staffAt('RXQ', 'R8000');
  const { registerPatient } = await ok<{ registerPatient: { id: string } }>(
    'clerk',
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
    { input: { givenName: 'Perpetua', familyName: `Lifecycle${suffix.slice(0, 4)}`, birthDate: '1958-02-11' } },
  );
  patientId = registerPatient.id;
  portal = await portalUserOf(patientId);
});

describe('amending an item', () => {
  let problemId: string;

  beforeAll(async () => {
    problemId = await recordProblem('Hypertension (typo: hypotension)', { onsetDate: daysAgo(400) });
  });

  test('keeps its id, makes version 2 with who, why and when, and keeps version 1 readable', async () => {
    const { amendProblem: amended } = await ok<{ amendProblem: Record<string, any> }>(author, amendProblem, {
      input: {
        id: problemId,
        code: { conceptId: '38341003', term: 'Hypertensive disorder' },
        reason: 'Term mistyped at entry',
        expectedVersion: 1,
      },
    });
    expect(amended).toMatchObject({
      id: problemId,
      version: 2,
      status: 'ACTIVE',
      code: { term: 'Hypertensive disorder' },
      supersededAt: null,
      change: { kind: 'AMENDED', reason: 'Term mistyped at entry', changedBy: { id: author.userId } },
    });
    expect(amended.previousVersions).toHaveLength(1);
    expect(amended.previousVersions[0]).toMatchObject({
      id: problemId,
      version: 1,
      code: { term: 'Hypertension (typo: hypotension)' },
      onsetDate: daysAgo(400),
      change: null,
    });
    expect(amended.previousVersions[0].supersededAt).not.toBeNull();

    const { patient } = await ok<{ patient: { problems: { id: string; version: number; code: { term: string } }[] } }>(
      colleague,
      `query ($id: ID!) { patient(id: $id) { problems { id version code { term } } } }`,
      { id: patientId },
    );
    expect(patient.problems).toEqual([{ id: problemId, version: 2, code: { term: 'Hypertensive disorder' } }]);
  });

  test('the earlier version is readable to a permitted reader, but not to a clerk or someone without a relationship', async () => {
    const colleagueView = await ok<{
      problem: { previousVersions: { version: number; code: { term: string }; previousVersions: unknown[] }[] };
    }>(colleague, problemView, { id: problemId });
    expect(colleagueView.problem.previousVersions.map((v) => [v.version, v.code.term])).toEqual([[1, 'Hypertension (typo: hypotension)']]);
    // An earlier version has no history of its own: the item's is on the item.
    expect(colleagueView.problem.previousVersions[0]!.previousVersions).toEqual([]);

    const clerk = await as('clerk', problemView, { id: problemId });
    refused(clerk, 'FORBIDDEN');
    expect(JSON.stringify(clerk)).not.toContain('hypotension');

    const stranger = await as(outsider, problemView, { id: problemId });
    expect(stranger.data?.problem ?? null).toBeNull();
    expect(JSON.stringify(stranger)).not.toContain('hypotension');

    const strangerList = await as(outsider, `query ($id: ID!) { patient(id: $id) { problems { previousVersions { code { term } } } } }`, {
      id: patientId,
    });
    expect(JSON.stringify(strangerList)).not.toContain('hypotension');
  });

  test('bad input names the field and writes nothing; an unknown id is not found', async () => {
    refused(
      await as(author, amendProblem, { input: { id: problemId, onsetDate: inDays(3), reason: 'Later onset' } }),
      'BAD_USER_INPUT',
      'input.onsetDate',
    );
    refused(
      await as(author, amendProblem, { input: { id: problemId, onsetDate: daysAgo(10), reason: '  ' } }),
      'BAD_USER_INPUT',
      'input.reason',
    );
    refused(await as(author, amendProblem, { input: { id: problemId, reason: 'Nothing to say' } }), 'BAD_USER_INPUT', 'input');
    refused(
      await as(author, amendProblem, {
        input: { id: problemId, code: { conceptId: '38341004', term: 'Bad check digit' }, reason: 'Recode' },
      }),
      'BAD_USER_INPUT',
      'input.code.conceptId',
    );
    refused(await as(author, amendProblem, { input: { id: problemId, code: null, reason: 'Clear it' } }), 'BAD_USER_INPUT', 'input.code');
    refused(
      await as(author, amendProblem, { input: { id: problemId, status: 'RESOLVED', reason: 'Better' } }),
      'BAD_USER_INPUT',
      'input.status',
    );
    refused(
      await as(author, amendProblem, { input: { id: problemId, expectedVersion: 0, onsetDate: daysAgo(9), reason: 'x' } }),
      'BAD_USER_INPUT',
      'input.expectedVersion',
    );
    refused(
      await as(author, amendProblem, { input: { id: randomUUID(), onsetDate: daysAgo(10), reason: 'Whose?' } }),
      'NOT_FOUND',
      'input.id',
    );
    refused(
      await as(author, amendProblem, { input: { id: 'not-an-id', onsetDate: daysAgo(10), reason: 'Whose?' } }),
      'NOT_FOUND',
      'input.id',
    );
    expect((await ok<{ problem: { version: number } }>(author, problemView, { id: problemId })).problem.version).toBe(2);
  });

  test('a clerk may not amend (role), and someone without a relationship finds no such item', async () => {
    refused(await as('clerk', amendProblem, { input: { id: problemId, onsetDate: daysAgo(20), reason: 'Tidy' } }), 'FORBIDDEN');
    refused(
      await as(outsider, amendProblem, { input: { id: problemId, onsetDate: daysAgo(20), reason: 'Tidy' } }),
      'NOT_FOUND',
      'input.id',
    );
  });

  test('an expectedVersion that is not the current one is a CONFLICT: the item changed since it was read', async () => {
    const body = await as(author, amendProblem, { input: { id: problemId, onsetDate: daysAgo(30), reason: 'Stale', expectedVersion: 1 } });
    refused(body, 'CONFLICT', 'input.expectedVersion');
    expect(body.errors![0]!.message).toMatch(/changed since you read it/);
  });

  test('two amendments racing from the same version: one is written, the other is a CONFLICT', async () => {
    const { problem } = await ok<{ problem: { version: number } }>(author, problemView, { id: problemId });
    const race = await Promise.all(
      [daysAgo(365), daysAgo(366)].map((onsetDate) =>
        as(author, amendProblem, {
          input: { id: problemId, onsetDate, reason: 'Onset from the GP letter', expectedVersion: problem.version },
        }),
      ),
    );
    const codes = race.map((body) => body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const after = await ok<{ problem: { version: number; previousVersions: { version: number }[] } }>(author, problemView, {
      id: problemId,
    });
    expect(after.problem.version).toBe(problem.version + 1);
    expect(after.problem.previousVersions.map((v) => v.version)).toEqual([
      problem.version,
      ...Array.from({ length: problem.version - 1 }, (_, i) => problem.version - 1 - i),
    ]);
  });

  test('each amendment is in the security log, naming the item', async () => {
    const { accessEvents } = await ok<{
      accessEvents: { edges: { node: { action: string; outcome: string; userId: string; items: string[] } }[] };
    }>(
      'privacyOfficer',
      `query ($id: ID!) { accessEvents(filter: { patientId: $id }, first: 200) { edges { node { action outcome userId items } } } }`,
      { id: patientId },
    );
    const amendments = accessEvents.edges
      .map((e) => e.node)
      .filter((n) => n.action === 'problem.amend' && n.items.includes(`PROBLEM:${problemId}`));
    // The first amendment and the one of the race that won; refused ones wrote nothing.
    expect(amendments).toEqual([
      { action: 'problem.amend', outcome: 'ALLOWED', userId: author.userId, items: [`PROBLEM:${problemId}`] },
      { action: 'problem.amend', outcome: 'ALLOWED', userId: author.userId, items: [`PROBLEM:${problemId}`] },
    ]);
  });
});

describe('seals carry over to every version', () => {
  test("a sealed item's earlier version stays sealed; only the authoring team amends it", async () => {
    const team = await careTeamId(teamCode);
    const sealedId = await recordProblem('Sealed: first wording', { sealLevel: 'SEALED', authoringTeamId: team });
    refused(await as(colleague, amendProblem, { input: { id: sealedId, onsetDate: daysAgo(5), reason: 'Tidy' } }), 'NOT_FOUND', 'input.id');
    const { amendProblem: amended } = await ok<{ amendProblem: { version: number; previousVersions: unknown[] } }>(teammate, amendProblem, {
      input: { id: sealedId, code: { conceptId: '38341003', term: 'Sealed: second wording' }, reason: 'Clarified' },
    });
    expect(amended.version).toBe(2);

    const view = await as(
      colleague,
      `query ($id: ID!, $item: ID!) {
      patient(id: $id) { problems { id previousVersions { code { term } } } sealedItems { id kind } }
      problem(id: $item) { id previousVersions { code { term } } }
    }`,
      { id: patientId, item: sealedId },
    );
    expect(view.data!.patient.sealedItems.filter((s: { id: string }) => s.id === sealedId)).toEqual([{ id: sealedId, kind: 'PROBLEM' }]);
    expect(view.data!.problem).toBeNull();
    expect(JSON.stringify(view)).not.toContain('wording');

    const mine = await ok<{ problem: { previousVersions: { code: { term: string } }[] } }>(author, problemView, { id: sealedId });
    expect(mine.problem.previousVersions.map((v) => v.code.term)).toEqual(['Sealed: first wording']);

    // A seal override opens the item, and with it its history (recorded and alerted as any override).
    const opened = await ok<{ patient: { problems: { id: string; previousVersions: { code: { term: string } }[] }[] } }>(
      'caldicott',
      `query ($id: ID!) { patient(id: $id) { problems(sealOverrideJustification: "Safeguarding review of the record") { id previousVersions { code { term } } } } }`,
      { id: patientId },
    );
    expect(opened.patient.problems.find((p) => p.id === sealedId)?.previousVersions).toEqual([{ code: { term: 'Sealed: first wording' } }]);
  });

  test('a sealed-and-locked item can be changed only by its authoring team', async () => {
    const team = await careTeamId(teamCode);
    const lockedId = await recordProblem('Locked away', { sealLevel: 'SEALED_AND_LOCKED', authoringTeamId: team });
    refused(await as(colleague, amendProblem, { input: { id: lockedId, onsetDate: daysAgo(5), reason: 'Tidy' } }), 'NOT_FOUND', 'input.id');
    refused(
      await as(colleague, markEnteredInError, { input: { kind: 'PROBLEM', id: lockedId, reason: 'Not this patient' } }),
      'NOT_FOUND',
      'input.id',
    );
    expect(
      (
        await ok<{ amendProblem: { version: number } }>(teammate, amendProblem, {
          input: { id: lockedId, onsetDate: daysAgo(5), reason: 'Onset known' },
        })
      ).amendProblem.version,
    ).toBe(2);
  });
});

describe('nominations carry over', () => {
  test('an item the patient made visible to named staff only keeps that restriction, on every version', async () => {
    const itemId = await recordProblem('Nominated: first wording');
    await ok(portal, `mutation ($id: ID!, $users: [ID!]!) { nominateItemViewers(kind: PROBLEM, itemId: $id, userIds: $users) }`, {
      id: itemId,
      users: [author.userId],
    });
    await ok(author, amendProblem, {
      input: { id: itemId, code: { conceptId: '38341003', term: 'Nominated: second wording' }, reason: 'Reworded' },
    });
    const view = await as(
      colleague,
      `query ($id: ID!, $item: ID!) { patient(id: $id) { problems { id code { term } } } problem(id: $item) { id } }`,
      {
        id: patientId,
        item: itemId,
      },
    );
    expect(view.data!.problem).toBeNull();
    expect(JSON.stringify(view)).not.toContain('Nominated');
    const mine = await ok<{ problem: { version: number; previousVersions: { code: { term: string } }[] } }>(author, problemView, {
      id: itemId,
    });
    expect(mine.problem.previousVersions.map((v) => v.code.term)).toEqual(['Nominated: first wording']);
  });
});

describe('entered in error', () => {
  let wrongId: string;
  let sealedWrongId: string;

  beforeAll(async () => {
    wrongId = await recordProblem('Asthma (wrong patient)');
    sealedWrongId = await recordProblem('Sealed (wrong patient)', { sealLevel: 'SEALED', authoringTeamId: await careTeamId(teamCode) });
  });

  test('marking needs a reason; an unknown item is not found', async () => {
    refused(
      await as(author, markEnteredInError, { input: { kind: 'PROBLEM', id: wrongId, reason: '' } }),
      'BAD_USER_INPUT',
      'input.reason',
    );
    refused(
      await as(author, markEnteredInError, { input: { kind: 'ALLERGY', id: wrongId, reason: 'Wrong kind' } }),
      'NOT_FOUND',
      'input.id',
    );
  });

  test('the item leaves the problem list, the sealed placeholders and the FHIR Condition search, but is kept', async () => {
    const before = await fhir<Bundle>(`Condition?patient=${patientId}&_count=100`, { token: await tokenOf(colleague) });
    expect(resourcesOf(before.body).map((r) => r.id)).toContain(wrongId);
    const placeholdersBefore = await ok<{ patient: { sealedItems: { id: string }[] } }>(
      colleague,
      `query ($id: ID!) { patient(id: $id) { sealedItems { id } } }`,
      { id: patientId },
    );
    expect(placeholdersBefore.patient.sealedItems.map((s) => s.id)).toContain(sealedWrongId);

    const { markEnteredInError: marked } = await ok<{ markEnteredInError: Record<string, unknown> }>(author, markEnteredInError, {
      input: { kind: 'PROBLEM', id: wrongId, reason: 'Recorded against the wrong patient', expectedVersion: 1 },
    });
    expect(marked).toEqual({
      __typename: 'Problem',
      id: wrongId,
      version: 2,
      enteredInError: true,
      change: { kind: 'ENTERED_IN_ERROR', reason: 'Recorded against the wrong patient' },
    });
    await ok(author, markEnteredInError, { input: { kind: 'PROBLEM', id: sealedWrongId, reason: 'Recorded against the wrong patient' } });

    for (const who of [author, colleague] as const) {
      const { patient } = await ok<{ patient: { problems: { id: string }[]; sealedItems: { id: string }[] } }>(
        who,
        `query ($id: ID!) { patient(id: $id) { problems { id } sealedItems { id } } }`,
        { id: patientId },
      );
      expect(patient.problems.map((p) => p.id)).not.toContain(wrongId);
      expect(patient.problems.map((p) => p.id)).not.toContain(sealedWrongId);
      expect(patient.sealedItems.map((s) => s.id)).not.toContain(sealedWrongId);
    }
    const after = await fhir<Bundle>(`Condition?patient=${patientId}&_count=100`, { token: await tokenOf(colleague) });
    expect(resourcesOf(after.body).map((r) => r.id)).not.toContain(wrongId);
    expect(after.body.total).toBe(resourcesOf(after.body).length);
  });

  test('by id, its authors (and clinical governance) read it as ENTERED_IN_ERROR; others find nothing', async () => {
    const mine = await ok<{ problem: Record<string, any> }>(author, problemView, { id: wrongId });
    expect(mine.problem).toMatchObject({ id: wrongId, status: 'ENTERED_IN_ERROR', enteredInError: true, version: 2 });
    expect(mine.problem.previousVersions.map((v: { code: { term: string } }) => v.code.term)).toEqual(['Asthma (wrong patient)']);
    expect((await ok<{ problem: { status: string } }>(teammate, problemView, { id: wrongId })).problem.status).toBe('ENTERED_IN_ERROR');
    expect((await ok<{ problem: { status: string } }>('caldicott', problemView, { id: wrongId })).problem.status).toBe('ENTERED_IN_ERROR');
    expect((await as(colleague, problemView, { id: wrongId })).data?.problem).toBeNull();
    expect((await as(portal, problemView, { id: wrongId })).data?.problem).toBeNull();

    const fhirRead = await fhir<{ verificationStatus?: { coding: { code: string }[] }; clinicalStatus?: unknown }>(`Condition/${wrongId}`, {
      token: await tokenOf(author),
    });
    expect(fhirRead.status).toBe(200);
    expect(fhirRead.body.verificationStatus?.coding[0]?.code).toBe('entered-in-error');
    expect(fhirRead.body.clinicalStatus).toBeUndefined();
    expect((await fhir(`Condition/${wrongId}`, { token: await tokenOf(colleague) })).status).toBe(404);
  });

  test('it cannot be changed again: amending or marking it is a CONFLICT', async () => {
    refused(await as(author, amendProblem, { input: { id: wrongId, onsetDate: daysAgo(3), reason: 'Fix' } }), 'CONFLICT', 'input.id');
    refused(await as(author, markEnteredInError, { input: { kind: 'PROBLEM', id: wrongId, reason: 'Again' } }), 'CONFLICT', 'input.id');
  });

  test('the security log names it', async () => {
    const { accessEvents } = await ok<{ accessEvents: { edges: { node: { action: string; userId: string; items: string[] } }[] } }>(
      'privacyOfficer',
      `query ($id: ID!) { accessEvents(filter: { patientId: $id }, first: 200) { edges { node { action userId items } } } }`,
      { id: patientId },
    );
    expect(accessEvents.edges.map((e) => e.node)).toContainEqual({
      action: 'problem.entered-in-error',
      userId: author.userId,
      items: [`PROBLEM:${wrongId}`],
    });
  });
});

describe('resolving a problem and stopping a medication', () => {
  const resolve = `mutation ($input: ResolveProblemInput!) { resolveProblem(input: $input) { id version status resolvedOn change { kind reason } } }`;
  const stop = `mutation ($input: StopMedicationInput!) { stopMedication(input: $input) { id version status startDate endDate change { kind reason } } }`;

  test('a problem resolves on a date, not in the future nor before its onset, and only once', async () => {
    const id = await recordProblem('Community-acquired pneumonia', { onsetDate: daysAgo(30) });
    refused(await as(author, resolve, { input: { id, resolvedOn: inDays(1) } }), 'BAD_USER_INPUT', 'input.resolvedOn');
    refused(await as(author, resolve, { input: { id, resolvedOn: daysAgo(31) } }), 'BAD_USER_INPUT', 'input.resolvedOn');
    refused(await as(author, resolve, { input: { id, resolvedOn: '2026-02-30' } }), 'BAD_USER_INPUT', 'input.resolvedOn');
    const { resolveProblem } = await ok<{ resolveProblem: Record<string, unknown> }>(author, resolve, {
      input: { id, resolvedOn: daysAgo(2), reason: 'Clear chest X-ray' },
    });
    expect(resolveProblem).toEqual({
      id,
      version: 2,
      status: 'RESOLVED',
      resolvedOn: daysAgo(2),
      change: { kind: 'RESOLVED', reason: 'Clear chest X-ray' },
    });
    const again = await as(author, resolve, { input: { id, resolvedOn: today } });
    refused(again, 'CONFLICT', 'input.id');
    expect(again.errors![0]!.message).toMatch(/already resolved/);
    const condition = await fhir<{ abatementDateTime?: string; clinicalStatus: { coding: { code: string }[] } }>(`Condition/${id}`, {
      token: await tokenOf(colleague),
    });
    expect(condition.body.abatementDateTime).toBe(daysAgo(2));
    expect(condition.body.clinicalStatus.coding[0]!.code).toBe('resolved');
  });

  test('a medication stops on a date, with a reason, not in the future nor before it started, and only once', async () => {
    const { recordMedication } = await ok<{ recordMedication: { id: string } }>(
      author,
      `mutation ($input: RecordMedicationInput!) { recordMedication(input: $input) { id } }`,
      { input: { patientId, medicine: { conceptId: '387458008', term: 'Aspirin' }, dosage: '75 mg once a day', startDate: daysAgo(60) } },
    );
    const id = recordMedication.id;
    refused(await as(author, stop, { input: { id, stoppedOn: inDays(2), reason: 'Bleeding risk' } }), 'BAD_USER_INPUT', 'input.stoppedOn');
    refused(
      await as(author, stop, { input: { id, stoppedOn: daysAgo(61), reason: 'Bleeding risk' } }),
      'BAD_USER_INPUT',
      'input.stoppedOn',
    );
    refused(await as(author, stop, { input: { id, stoppedOn: daysAgo(1), reason: '' } }), 'BAD_USER_INPUT', 'input.reason');
    const { stopMedication } = await ok<{ stopMedication: Record<string, unknown> }>(author, stop, {
      input: { id, stoppedOn: daysAgo(1), reason: 'Bleeding risk' },
    });
    expect(stopMedication).toEqual({
      id,
      version: 2,
      status: 'STOPPED',
      startDate: daysAgo(60),
      endDate: daysAgo(1),
      change: { kind: 'STOPPED', reason: 'Bleeding risk' },
    });
    refused(await as(author, stop, { input: { id, stoppedOn: today, reason: 'Again' } }), 'CONFLICT', 'input.id');
    refused(await as(author, stop, { input: { id: randomUUID(), stoppedOn: today, reason: 'Whose?' } }), 'NOT_FOUND', 'input.id');
  });
});

describe('allergies and documents', () => {
  test('an allergy is amended with its earlier version kept, and entered in error leaves the list', async () => {
    const { recordAllergy } = await ok<{ recordAllergy: { id: string } }>(
      author,
      `mutation ($input: RecordAllergyInput!) { recordAllergy(input: $input) { id } }`,
      { input: { patientId, substance: { conceptId: '764146007', term: 'Penicillin' }, severity: 'MILD' } },
    );
    const id = recordAllergy.id;
    const { amendAllergy } = await ok<{ amendAllergy: Record<string, any> }>(
      author,
      `mutation ($input: AmendAllergyInput!) { amendAllergy(input: $input) { id version severity status previousVersions { version severity } } }`,
      { input: { id, severity: 'SEVERE', reason: 'Anaphylaxis on record at the GP' } },
    );
    expect(amendAllergy).toEqual({
      id,
      version: 2,
      severity: 'SEVERE',
      status: 'ACTIVE',
      previousVersions: [{ version: 1, severity: 'MILD' }],
    });
    await ok(author, markEnteredInError, { input: { kind: 'ALLERGY', id, reason: 'Duplicate entry' } });
    const { patient } = await ok<{ patient: { allergies: { id: string }[] } }>(
      colleague,
      `query ($id: ID!) { patient(id: $id) { allergies { id } } }`,
      {
        id: patientId,
      },
    );
    expect(patient.allergies.map((a) => a.id)).not.toContain(id);
    const mine = await ok<{ allergy: { status: string } }>(author, `query ($id: ID!) { allergy(id: $id) { status } }`, { id });
    expect(mine.allergy.status).toBe('ENTERED_IN_ERROR');
  });

  test('a document is amended (title and sections) with its earlier version kept, readable by id', async () => {
    const { fileClinicalDocument } = await ok<{ fileClinicalDocument: { id: string } }>(
      author,
      `mutation ($input: FileClinicalDocumentInput!) { fileClinicalDocument(input: $input) { id } }`,
      {
        input: {
          patientId,
          type: { conceptId: '373942005', term: 'Discharge summary' },
          title: 'Discharge summary (draft)',
          authoredAt: new Date(Date.now() - 86_400_000).toISOString(),
          sections: [{ title: 'Plan', text: 'Review in 2 weeks' }],
        },
      },
    );
    const id = fileClinicalDocument.id;
    refused(
      await as(author, `mutation ($input: AmendDocumentInput!) { amendDocument(input: $input) { id } }`, {
        input: { id, sections: [], reason: 'Empty' },
      }),
      'BAD_USER_INPUT',
      'input.sections',
    );
    await ok(author, `mutation ($input: AmendDocumentInput!) { amendDocument(input: $input) { id } }`, {
      input: {
        id,
        title: 'Discharge summary',
        sections: [{ title: 'Plan', text: 'Review in 6 weeks' }],
        reason: 'Follow-up interval corrected',
      },
    });
    const { document } = await ok<{ document: Record<string, any> }>(
      colleague,
      `query ($id: ID!) { document(id: $id) { title version status sections { text } previousVersions { title sections { text } } } }`,
      { id },
    );
    expect(document).toEqual({
      title: 'Discharge summary',
      version: 2,
      status: 'CURRENT',
      sections: [{ text: 'Review in 6 weeks' }],
      previousVersions: [{ title: 'Discharge summary (draft)', sections: [{ text: 'Review in 2 weeks' }] }],
    });
  });
});
