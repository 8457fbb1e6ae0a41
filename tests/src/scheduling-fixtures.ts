import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { graphql } from './support/gateway-client.js';

export const demoPatients = Array.from({ length: 8 }, (_, i) => `5e1f0c3a-0000-4000-8000-00000000000${i + 1}`);

export interface SlotSummary {
  id: string;
  startsAt: string;
}

type Send = <T>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;

/** GraphQL through a gateway with one session token; `url` defaults to the shared test stack's gateway. */
export function client(token: string, url?: string): Send {
  return async (query, variables) => (await graphql(query, { token, variables: variables ?? {}, ...(url ? { url } : {}) })).body as never;
}

/**
 * Patients of this test's own (unidentified, so no NHS number is taken), registered as a clerk would: the
 * shared stack's demo patients keep exactly the appointments other tests expect of them.
 */
export async function registerPatients(send: Send, familyName: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { data, errors } = await send<{ registerPatient: { id: string } }>(
      `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
      {
        input: { givenName: `Patient ${i + 1}`, familyName, birthDate: `19${50 + i}-06-15` },
      },
    );
    if (!data) throw new Error(`registerPatient failed: ${JSON.stringify(errors)}`);
    ids.push(data.registerPatient.id);
  }
  return ids;
}

/** A service name no seeded clinic uses, so free-slot searches see only this test's slots. */
export function uniqueService(base: string): string {
  return `${base} ${randomUUID().slice(0, 8)}`;
}

/** A new clinic at the caller's organisation with one ad hoc session, set up as a clinic manager would. */
export async function openSession(
  send: Send,
  options: {
    service: string;
    startsAt: Date;
    slotCount?: number;
    slotCapacity?: number;
    slotKind?: 'NEW' | 'FOLLOW_UP';
    clinicianId?: string;
    /** A clinic the care team `teamCode` runs, with no clinician of its own. */
    teamCode?: string;
  },
): Promise<{ clinicId: string; slots: SlotSummary[] }> {
  const created = await send<{ createClinic: { id: string } }>(
    `mutation ($input: CreateClinicInput!) { createClinic(input: $input) { id } }`,
    {
      input: {
        name: `${options.service} clinic`,
        service: options.service,
        ...(options.teamCode ? { teamCode: options.teamCode } : { clinicianId: options.clinicianId ?? 'dr.amelia.hart' }),
        location: 'Outpatients A',
      },
    },
  );
  if (!created.data) throw new Error(`createClinic failed: ${JSON.stringify(created.errors)}`);
  const clinicId = created.data.createClinic.id;
  const session = await send<{ addClinicSession: SlotSummary[] }>(
    `mutation ($input: AddClinicSessionInput!) { addClinicSession(input: $input) { id startsAt } }`,
    {
      input: {
        clinicId,
        startsAt: options.startsAt.toISOString(),
        slotMinutes: 15,
        slotCount: options.slotCount ?? 1,
        slotCapacity: options.slotCapacity ?? 1,
        slotKind: options.slotKind ?? 'NEW',
      },
    },
  );
  if (!session.data) throw new Error(`addClinicSession failed: ${JSON.stringify(session.errors)}`);
  return { clinicId, slots: session.data.addClinicSession };
}

export const bookMutation = `mutation ($input: BookAppointmentInput!) {
  bookAppointment(input: $input) { id status startsAt pathwayId slot { id bookedCount remaining } }
}`;

/** One query against the database the stack runs on, to check what was (or was not) written. */
export async function sql<T extends pg.QueryResultRow>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const connection = new pg.Client({ connectionString: databaseUrl });
  await connection.connect();
  try {
    return (await connection.query<T>(text, values)).rows;
  } finally {
    await connection.end();
  }
}

/** Everything scheduling has written, so a refused request can be shown to have changed nothing. */
export async function schedulingSnapshot(databaseUrl: string): Promise<unknown> {
  const [row] = await sql(
    databaseUrl,
    `SELECT (SELECT json_agg(a ORDER BY a.id) FROM scheduling.appointment a) AS appointments,
            (SELECT json_agg(json_build_array(s.id, s.booked_count) ORDER BY s.id) FROM scheduling.slot s WHERE s.booked_count > 0) AS slots,
            (SELECT count(*) FROM scheduling.pathway_outcome_outbox) AS outbox`,
  );
  return row;
}

export function hoursFromNow(hours: number): Date {
  return new Date(Date.now() + hours * 3_600_000);
}
