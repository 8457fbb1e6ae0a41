import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintSessionToken } from '@epr/tools/dev-issuer/index';
import { createScratchDatabase, type ScratchDatabase } from '@epr/tools/db/scratch-database';
import { findFreePort } from '@epr/tools/db/free-port';
import { SUBGRAPHS, type Subgraph } from '@epr/tools/db/subgraphs';
import { startStack, type RunningStack } from '@epr/tools/stack/start-stack';
import { stackState } from './support/stack-state.js';
import { eventually } from './support/eventually.js';
import { receivedReferral, type Through } from './support/referrals.js';
import { bookMutation, client, demoPatients, openSession, sql, uniqueService } from './scheduling-fixtures.js';

/*
 * Delivery of appointment outcomes to care-pathway, with care-pathway stopped and started again: this file
 * runs a stack of its own (on a scratch database of the test server) so stopping a service disturbs no other test.
 */
const stackStartMs = 120_000;
const deliveryMs = 180_000;

let stack: RunningStack;
let database: ScratchDatabase;
let workDir: string;
let send: ReturnType<typeof client>;
let interfaceEngine: Through;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'epr-scheduling-delivery-'));
  database = await createScratchDatabase(stackState().serverUrl, 'scheduling_delivery');
  const subgraphs = {} as Record<Subgraph, number>;
  for (const s of SUBGRAPHS) subgraphs[s] = await findFreePort();
  const keyDir = join(workDir, 'keys');
  stack = await startStack({
    databaseUrl: database.url,
    ports: { gateway: await findFreePort(), subgraphs },
    keyDir,
    logDir: join(workDir, 'logs'),
  });
  // The interface engine receives referrals from e-RS; the booking office runs clinics, books and records attendance.
  const engine = await mintSessionToken({ userId: 'interface.engine', roleProfileId: 'rp-interface-rx1' }, { keyDir });
  const clerk = await mintSessionToken({ userId: 'clerk.chloe.reid', roleProfileId: 'rp-reid-rx1' }, { keyDir });
  interfaceEngine = { url: stack.gatewayUrl, token: engine.token };
  send = client(clerk.token, stack.gatewayUrl);
}, stackStartMs);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  if (process.env.EPR_KEEP_TEST_LOGS !== '1') await rm(workDir, { recursive: true, force: true });
}, stackStartMs);

async function newPathway(patientId: string): Promise<string> {
  const referral = await receivedReferral<{ pathway: { id: string; clockPhase: string } }>(
    { patientId, receivingOrganisation: 'RX1', specialty: 'Cardiology', reason: 'Exertional chest pain' },
    'pathway { id clockPhase }',
    interfaceEngine,
  );
  expect(referral.pathway.clockPhase).toBe('RUNNING');
  return referral.pathway.id;
}

/** A first (new patient) appointment on the pathway that starts in a few seconds, so its outcome can be recorded. */
async function firstAppointmentAboutToStart(pathwayId: string, patientId: string): Promise<{ appointmentId: string; startsAt: string }> {
  const { slots } = await openSession(send, {
    service: uniqueService('Cardiology'),
    startsAt: new Date(Date.now() + 4_000),
    slotKind: 'NEW',
  });
  const booked = await send<{ bookAppointment: { id: string; startsAt: string } }>(bookMutation, {
    input: { patientId, slotId: slots[0]!.id, pathwayId },
  });
  if (!booked.data) throw new Error(`bookAppointment failed: ${JSON.stringify(booked.errors)}`);
  await eventually(
    async () => (Date.now() > Date.parse(booked.data!.bookAppointment.startsAt) ? true : undefined),
    'the appointment to start',
  );
  return { appointmentId: booked.data.bookAppointment.id, startsAt: booked.data.bookAppointment.startsAt };
}

const recordDna = `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { status dnaCommunicatedClearly } }`;

async function outboxRow(appointmentId: string) {
  const [row] = await sql<{ event_id: string; status: string; attempts: number; applied: boolean | null; last_error: string | null }>(
    database.url,
    'SELECT event_id, status, attempts, applied, last_error FROM scheduling.pathway_outcome_outbox WHERE appointment_id = $1',
    [appointmentId],
  );
  return row;
}

async function clockPhase(pathwayId: string): Promise<string> {
  const { data } = await send<{ pathway: { clockPhase: string } }>(`query ($id: ID!) { pathway(id: $id) { clockPhase } }`, {
    id: pathwayId,
  });
  return data!.pathway.clockPhase;
}

describe('appointment outcomes reach the RTT clock', () => {
  test(
    'a first-appointment DNA with evidenced communication nullifies the clock, also when care-pathway was down at that moment',
    async () => {
      const patientId = demoPatients[4]!;
      const pathwayId = await newPathway(patientId);
      const { appointmentId } = await firstAppointmentAboutToStart(pathwayId, patientId);

      await stack.stopService('care-pathway');
      const recorded = await send<{ recordAttendance: Record<string, unknown> }>(recordDna, {
        input: {
          appointmentId,
          outcome: 'DID_NOT_ATTEND',
          dnaCommunicatedClearly: true,
          communicationEvidence: 'Letter sent 10 days before; text reminder the day before',
        },
      });
      // Scheduling records the outcome on its own; the delivery waits in the outbox and is tried again and again.
      expect(recorded.data!.recordAttendance).toEqual({ status: 'DID_NOT_ATTEND', dnaCommunicatedClearly: true });
      const waiting = await eventually(async () => {
        const row = await outboxRow(appointmentId);
        return row && row.attempts >= 2 ? row : undefined;
      }, 'two failed delivery attempts');
      expect(waiting).toMatchObject({ status: 'PENDING', last_error: expect.stringMatching(/care-pathway/) });

      await stack.startService('care-pathway');
      expect(
        await eventually(
          async () => ((await clockPhase(pathwayId)) === 'NULLIFIED' ? 'NULLIFIED' : undefined),
          'the clock to be nullified',
        ),
      ).toBe('NULLIFIED');
      // care-pathway applies the event a moment before the relay hears back and marks the row delivered.
      const deliveredRow = await eventually(async () => {
        const row = await outboxRow(appointmentId);
        return row?.status === 'DELIVERED' ? row : undefined;
      }, 'the outbox row to be marked delivered');
      expect(deliveredRow).toMatchObject({ status: 'DELIVERED', applied: true });

      // The pathway's timeline shows the appointment, resolved from scheduling through federation.
      const { data } = await send<{ pathway: { appointments: Record<string, unknown>[]; timeline: { entries: Record<string, any>[] } } }>(
        `query ($id: ID!) { pathway(id: $id) {
        appointments { id status }
        timeline { entries { kind clockEffect appointmentOutcome firstAppointment appointment { id status startsAt clinicName } } }
      } }`,
        { id: pathwayId },
      );
      expect(data!.pathway.appointments).toEqual([{ id: appointmentId, status: 'DID_NOT_ATTEND' }]);
      expect(data!.pathway.timeline.entries.filter((e) => e.kind === 'APPOINTMENT_OUTCOME')).toEqual([
        {
          kind: 'APPOINTMENT_OUTCOME',
          clockEffect: 'NULLIFIED',
          appointmentOutcome: 'DID_NOT_ATTEND',
          firstAppointment: true,
          appointment: { id: appointmentId, status: 'DID_NOT_ATTEND', startsAt: expect.any(String), clinicName: expect.any(String) },
        },
      ]);
    },
    deliveryMs,
  );

  test(
    'an outcome delivered twice is applied once',
    async () => {
      const patientId = demoPatients[5]!;
      const pathwayId = await newPathway(patientId);
      const { appointmentId } = await firstAppointmentAboutToStart(pathwayId, patientId);
      await send(recordDna, { input: { appointmentId, outcome: 'DID_NOT_ATTEND', dnaCommunicatedClearly: false } });
      const delivered = await eventually(async () => {
        const row = await outboxRow(appointmentId);
        return row?.status === 'DELIVERED' ? row : undefined;
      }, 'the first delivery');
      expect(delivered.applied).toBe(true);

      // As if scheduling had stopped after delivering but before noting it: the event goes again.
      await sql(
        database.url,
        `UPDATE scheduling.pathway_outcome_outbox SET status = 'PENDING', next_attempt_at = now() WHERE event_id = $1`,
        [delivered.event_id],
      );
      const repeated = await eventually(async () => {
        const row = await outboxRow(appointmentId);
        return row?.status === 'DELIVERED' ? row : undefined;
      }, 'the repeated delivery');
      expect(repeated.applied).toBe(false);

      // Not clearly communicated: the clock keeps running, and the timeline has the DNA once.
      const { data } = await send<{ pathway: { clockPhase: string; timeline: { entries: { kind: string }[] } } }>(
        `query ($id: ID!) { pathway(id: $id) { clockPhase timeline { entries { kind } } } }`,
        { id: pathwayId },
      );
      expect(data!.pathway.clockPhase).toBe('RUNNING');
      expect(data!.pathway.timeline.entries.filter((e) => e.kind === 'APPOINTMENT_OUTCOME')).toHaveLength(1);
    },
    deliveryMs,
  );
});
