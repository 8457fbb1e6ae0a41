import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { graphql, type GraphQLResponse } from './gateway-client.js';
import { staffAt, tokenOf, type Person, type Staff } from './people.js';
import { stackState } from './stack-state.js';

/*
 * Referrals as test setup. A referral is recorded only by a verified source (README "Where relationships come from"),
 * so a test that merely needs one has it received as e-RS delivers it: through the receiving organisation's interface
 * engine (source INTERFACE, no alert). Its relationship goes to the care teams there that receive referrals for its
 * specialty, so a test whose clinician reads clinical content afterwards names a specialty their team receives
 * (Cardiology for the demo `consultant` and `nurse` at RX1) or uses `clinicianReceiving`.
 */

/** What a test says about its referral; everything else is filled in (A81001's GP refers to RX1 Cardiology, today). */
export interface ReferralFields {
  patientId: string;
  receivingOrganisation?: string;
  referringOrganisation?: string;
  referringClinician?: string;
  specialty?: string;
  priority?: string;
  reason?: string;
  receivedOn?: string;
  [field: string]: unknown;
}

/** A gateway other than the shared stack's, and a session token minted for it (a test running a stack of its own). */
export interface Through {
  url: string;
  token: string;
}

type Body<T> = GraphQLResponse<T>['body'];

/** Today's date in England, the date a referral received now is received on. */
export function todayInEngland(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/** The complete `CreateReferralInput` for `fields`. */
export function referralInput(fields: ReferralFields): Record<string, unknown> {
  return {
    receivingOrganisation: 'RX1',
    referringOrganisation: 'A81001',
    referringClinician: 'Dr David Lee',
    specialty: 'Cardiology',
    priority: 'ROUTINE',
    reason: 'Referred for specialist assessment.',
    receivedOn: todayInEngland(),
    ...fields,
  };
}

const engines = new Map<string, Promise<Person | Staff>>();

/** The receiving organisation's interface engine: the demo one at RX1, else one made (once per test file) for `odsCode`. */
export function interfaceEngineAt(odsCode: string): Promise<Person | Staff> {
  const ods = odsCode.toUpperCase();
  if (ods === 'RX1') return Promise.resolve('engine');
  let engine = engines.get(ods);
  if (!engine) {
    engine = staffAt(ods, 'IFENGINE');
    engines.set(ods, engine);
  }
  return engine;
}

/**
 * Records a referral as received from e-RS by its receiving organisation's interface engine, and gives back the
 * response body (`selection` is what `createReferral` returns). `through` sends it to a stack of the test's own, with
 * a token it minted there for that stack's engine.
 */
export async function receiveReferral<R = { id: string; pathway: { id: string } }>(
  fields: ReferralFields,
  selection = 'id pathway { id }',
  through?: Through,
): Promise<Body<{ createReferral: R }>> {
  const input = referralInput(fields);
  const query = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { ${selection} } }`;
  const token = through?.token ?? (await tokenOf(await interfaceEngineAt(String(input.receivingOrganisation))));
  return (await graphql<{ createReferral: R }>(query, { token, variables: { input }, ...(through ? { url: through.url } : {}) })).body;
}

/** As `receiveReferral`, for a test that needs the referral to go on: its `createReferral`, or an error saying why not. */
export async function receivedReferral<R = { id: string; pathway: { id: string } }>(
  fields: ReferralFields,
  selection = 'id pathway { id }',
  through?: Through,
): Promise<R> {
  const { data, errors } = await receiveReferral<R>(fields, selection, through);
  if (!data?.createReferral || errors) throw new Error(`createReferral failed: ${JSON.stringify(errors)}`);
  return data.createReferral;
}

const clinicians = new Map<string, Promise<Staff>>();

/**
 * A clinician (R8000) of `odsCode` in a care team there that receives referrals for `specialty` (both made once per
 * test file): the provider's own clinician, who records its RTT events and — through the team's relationship —
 * triages and reads the clinical content of referrals to that service received after this is called.
 */
export function clinicianReceiving(odsCode: string, specialty: string): Promise<Staff> {
  const key = `${odsCode.toUpperCase()}\n${specialty.toLowerCase()}`;
  let clinician = clinicians.get(key);
  if (!clinician) {
    clinician = receivingTeamMember(odsCode.toUpperCase(), specialty);
    clinicians.set(key, clinician);
  }
  return clinician;
}

async function receivingTeamMember(odsCode: string, specialty: string): Promise<Staff> {
  const team = `TEST-${odsCode}-${randomUUID().slice(0, 8)}`;
  const clinician = await staffAt(odsCode, 'R8000', { teams: [team] });
  // The directory has no API for the services a team receives yet, so this writes it as staffAt writes the team.
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    await client.query('UPDATE patient.care_team SET referral_services = $2 WHERE code = $1', [team, [specialty]]);
  } finally {
    await client.end();
  }
  return clinician;
}
