import { randomUUID } from 'node:crypto';
import { as, staffAt, tokenOf, type Person, type Staff } from './support/people.js';
import { clinicianReceiving, receivedReferral } from './support/referrals.js';
import { sqlStatements } from './support/sql-counter.js';
import { bookMutation, client, hoursFromNow, openSession, uniqueService } from './scheduling-fixtures.js';

/*
 * After a merge, what care-pathway and scheduling hold stays filed under the duplicate's id. The survivor's
 * record lists it all the same — referrals, pathways (with their timelines) and appointments of every patient
 * merged into it, through chains of merges — decided for the survivor, and an unmerge splits the lists again at
 * once. Each organisation here is the test's own, so who holds a relationship with whom is exactly what the
 * test sets up: registration gives the registering organisation one, a referral the receiving service's care team (the clinician's).
 */
const suffix = randomUUID().slice(0, 4).toUpperCase();
const orgA = `MRA${suffix}`;
const orgB = `MRB${suffix}`;
const orgC = `MRC${suffix}`;

interface Side {
  clerk: Staff;
  clinician: Staff;
  patientId: string;
  referral: { id: string; pathwayId: string };
  appointmentId: string;
  note: string;
}

const sides: Record<'a' | 'b' | 'c', Side> = {} as never;
let dataQuality: Staff;

async function ok<T = Record<string, any>>(who: Person | Staff, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await as<T>(who, query, variables);
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

/** A patient registered, referred and booked at `ods`, with a clinician there who holds relationships through them. */
async function side(ods: string, familyName: string): Promise<Side> {
  const clerk = await staffAt(ods, 'R8010');
  // The clinician's team receives the referral's specialty, so the referral gives it its relationship.
  const specialty = `Merge ${ods}`;
  const clinician = await clinicianReceiving(ods, specialty);
  const { registerPatient } = await ok<{ registerPatient: { id: string } }>(
    clerk,
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
    { input: { givenName: 'Morwenna', familyName, birthDate: '1971-03-09' } },
  );
  const patientId = registerPatient.id;
  const received = await receivedReferral({
    patientId,
    receivingOrganisation: ods,
    specialty,
    reason: `Reason ${ods}`,
    receivedOn: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
  });
  const referral = { id: received.id, pathwayId: received.pathway.id };
  const note = `Timeline note ${ods}`;
  await ok(clinician, `mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { id } }`, {
    input: {
      pathwayId: referral.pathwayId,
      rttStatus: '10',
      occurredOn: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
      note,
    },
  });
  const send = client(await tokenOf(clerk));
  const { slots } = await openSession(send, {
    service: uniqueService(`Merge ${ods}`),
    startsAt: hoursFromNow(24 * 10),
    clinicianId: clinician.userId,
  });
  const booked = await send<{ bookAppointment: { id: string } }>(bookMutation, {
    input: { patientId, slotId: slots[0]!.id, pathwayId: referral.pathwayId },
  });
  if (!booked.data) throw new Error(`booking failed: ${JSON.stringify(booked.errors)}`);
  return { clerk, clinician, patientId, referral, appointmentId: booked.data.bookAppointment.id, note };
}

const recordQuery = `query ($id: ID!) {
  patient(id: $id) {
    id
    referrals { id reason patient { id } pathway { id } }
    pathways { id patient { id } referral { id } timeline { entries { kind note } } }
    appointments { id patient { id } }
  }
}`;

interface RecordView {
  patient: {
    id: string;
    referrals: { id: string; reason: string | null; patient: { id: string }; pathway: { id: string } | null }[] | null;
    pathways:
      | { id: string; patient: { id: string }; referral: { id: string }; timeline: { entries: { kind: string; note: string | null }[] } }[]
      | null;
    appointments: { id: string; patient: { id: string } }[] | null;
  } | null;
}

async function record(who: Person | Staff, id: string) {
  return as<RecordView>(who, recordQuery, { id });
}

const ids = (items: { id: string }[] | null | undefined) => (items ?? []).map((item) => item.id).sort();
const of = (...which: Side[]) => ({
  referrals: which.map((s) => s.referral.id).sort(),
  pathways: which.map((s) => s.referral.pathwayId).sort(),
  appointments: which.map((s) => s.appointmentId).sort(),
});
const listed = (body: { data?: RecordView | null }) => ({
  referrals: ids(body.data?.patient?.referrals),
  pathways: ids(body.data?.patient?.pathways),
  appointments: ids(body.data?.patient?.appointments),
});

async function merge(survivorId: string, replacedId: string) {
  await ok(dataQuality, `mutation ($input: MergePatientsInput!) { mergePatients(input: $input) { id } }`, {
    input: { survivorId, replacedId, reason: 'Same person, registered twice before tracing.' },
  });
}

async function unmerge(replacedId: string) {
  await ok(dataQuality, `mutation ($input: UnmergePatientInput!) { unmergePatient(input: $input) { id } }`, {
    input: { replacedId, reason: 'Two different people after all.' },
  });
}

beforeAll(async () => {
  sides.a = await side(orgA, `Trevithick${suffix}`);
  sides.b = await side(orgB, `Trevithic${suffix}`);
  sides.c = await side(orgC, `Trevethick${suffix}`);
  dataQuality = sides.a.clerk;
});

describe('a merged record across subgraphs', () => {
  test('before a merge, each patient lists only its own referrals, pathways and appointments', async () => {
    const a = await record(sides.a.clinician, sides.a.patientId);
    expect(a.errors).toBeUndefined();
    expect(listed(a)).toEqual(of(sides.a));
    expect(listed(await record(sides.b.clinician, sides.b.patientId))).toEqual(of(sides.b));
  });

  test("after merging B into A, A's lists hold B's referrals, pathways (with their timelines) and appointments, as A's", async () => {
    await merge(sides.a.patientId, sides.b.patientId);
    const view = await record(sides.a.clinician, sides.a.patientId);
    expect(view.errors).toBeUndefined();
    expect(listed(view)).toEqual(of(sides.a, sides.b));
    const patient = view.data!.patient!;
    // Decided for A, the record being read: A's clinician holds no relationship with B, yet reads B's clinical content here.
    const bReferral = patient.referrals!.find((r) => r.id === sides.b.referral.id)!;
    expect(bReferral).toEqual({
      id: sides.b.referral.id,
      reason: `Reason ${orgB}`,
      patient: { id: sides.a.patientId },
      pathway: { id: sides.b.referral.pathwayId },
    });
    const bPathway = patient.pathways!.find((p) => p.id === sides.b.referral.pathwayId)!;
    expect(bPathway.patient).toEqual({ id: sides.a.patientId });
    expect(bPathway.referral).toEqual({ id: sides.b.referral.id });
    expect(bPathway.timeline.entries.map((e) => e.note)).toContain(sides.b.note);
    expect(patient.appointments!.map((a) => a.patient.id)).toEqual([sides.a.patientId, sides.a.patientId]);
  });

  test("the duplicate's id reads the survivor's whole record", async () => {
    const view = await record(sides.a.clinician, sides.b.patientId);
    expect(view.errors).toBeUndefined();
    expect(view.data!.patient!.id).toBe(sides.a.patientId);
    expect(listed(view)).toEqual(of(sides.a, sides.b));
  });

  test('a referral, pathway or appointment of the duplicate read by its own id still works, and describes the survivor', async () => {
    type Named = { patient: { name: { family: string } } } | null;
    const body = await as<{ referral: Named; pathway: Named; appointment: Named }>(
      'clerk',
      `query ($referral: ID!, $pathway: ID!, $appointment: ID!) {
        referral(id: $referral) { patient { name { family } } }
        pathway(id: $pathway) { patient { name { family } } }
        appointment(id: $appointment) { patient { name { family } } }
      }`,
      { referral: sides.b.referral.id, pathway: sides.b.referral.pathwayId, appointment: sides.b.appointmentId },
    );
    expect(body.errors).toBeUndefined();
    const survivor = { patient: { name: { family: `Trevithick${suffix}` } } };
    expect(body.data).toEqual({ referral: survivor, pathway: survivor, appointment: survivor });
  });

  test("federation joins from the survivor's lists reach the duplicate's items (`_entities` in each subgraph)", async () => {
    const body = await as<{ patient: { pathways: { id: string; appointments: { id: string }[] }[] } }>(
      sides.a.clinician,
      `query ($id: ID!) { patient(id: $id) { pathways { id appointments { id } } } }`,
      { id: sides.a.patientId },
    );
    expect(body.errors).toBeUndefined();
    const bPathway = body.data!.patient.pathways.find((p) => p.id === sides.b.referral.pathwayId);
    expect(bPathway?.appointments).toEqual([{ id: sides.b.appointmentId }]);
  });

  test("someone with a relationship with the duplicate only gets none of the survivor's clinical content", async () => {
    const view = await record(sides.b.clinician, sides.a.patientId);
    const patient = view.data!.patient!;
    expect(patient.referrals!.map((r) => r.reason)).toEqual([null, null]);
    expect(patient.pathways!.flatMap((p) => p.timeline?.entries ?? []).filter((e) => e.note)).toEqual([]);
    expect(view.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(JSON.stringify(view)).not.toContain(`Reason ${orgB}`);
    expect(JSON.stringify(view)).not.toContain(sides.b.note);
  });

  test('a patient in the portal cannot read the merged record at all', async () => {
    const view = await record('olivia', sides.a.patientId);
    expect(view.data?.patient ?? null).toBeNull();
    expect(JSON.stringify(view)).not.toContain(sides.b.referral.id);
  });

  test('a chain of merges (B into A, then A into C) lists all three on C, batched: no statement per merged patient', async () => {
    const alone = await statementsFor(sides.c.clinician, sides.c.patientId);
    await merge(sides.c.patientId, sides.a.patientId);
    const view = await record(sides.c.clinician, sides.c.patientId);
    expect(view.errors).toBeUndefined();
    expect(listed(view)).toEqual(of(sides.a, sides.b, sides.c));
    const merged = await statementsFor(sides.c.clinician, sides.c.patientId);
    expect(merged).toEqual(alone);
  });

  test("unmerging splits the lists again at once: A's own and B's go back, and C keeps only its own", async () => {
    await unmerge(sides.a.patientId);
    expect(listed(await record(sides.c.clinician, sides.c.patientId))).toEqual(of(sides.c));
    expect(listed(await record(sides.a.clinician, sides.a.patientId))).toEqual(of(sides.a, sides.b));
    await unmerge(sides.b.patientId);
    expect(listed(await record(sides.a.clinician, sides.a.patientId))).toEqual(of(sides.a));
    const b = await record(sides.b.clinician, sides.b.patientId);
    expect(b.data!.patient!.id).toBe(sides.b.patientId);
    expect(listed(b)).toEqual(of(sides.b));
    expect(b.data!.patient!.referrals!.map((r) => r.reason)).toEqual([`Reason ${orgB}`]);
  });
});

/** SQL statements care-pathway and scheduling send to read one record's lists (their data pools). */
async function statementsFor(who: Staff, patientId: string): Promise<{ carePathway: number; scheduling: number }> {
  const query = `query ($id: ID!) { patient(id: $id) { referrals { id } pathways { id } appointments { id } } }`;
  await as(who, query, { id: patientId }); // warm: the first request of a role also loads its facts
  const before = { carePathway: await sqlStatements('care-pathway'), scheduling: await sqlStatements('scheduling') };
  const body = await as(who, query, { id: patientId });
  expect(body.errors).toBeUndefined();
  return {
    carePathway: (await sqlStatements('care-pathway')) - before.carePathway,
    scheduling: (await sqlStatements('scheduling')) - before.scheduling,
  };
}
