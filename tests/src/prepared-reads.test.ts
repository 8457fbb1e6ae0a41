import type pg from 'pg';
import { createPool, sql } from '@epr/platform';
import * as patientData from '@epr/subgraph-patient/data/prisma';
import * as carePathwayData from '@epr/subgraph-care-pathway/data/prisma';
import * as schedulingData from '@epr/subgraph-scheduling/data/prisma';
import * as auditData from '@epr/subgraph-audit/data/prisma';
import { PatientStore, patientColumns } from '@epr/subgraph-patient/data/patient-store';
import { DirectoryStore } from '@epr/subgraph-patient/data/directory-store';
import { ReferralStore, referralColumns } from '@epr/subgraph-care-pathway/data/referral-store';
import { AppointmentStore, appointmentColumns } from '@epr/subgraph-scheduling/data/appointment-store';
import { AccessEventStore } from '@epr/subgraph-audit/data/access-event-store';
import { graphql, tokenFor } from './support/gateway-client.js';
import { people } from './support/people.js';
import { stackState } from './support/stack-state.js';

// The summary's hot reads are prepared SQL, not Prisma (platform preparedRead): each must return exactly the
// records Prisma returns for the same keys — every field of the record type, with the same values and types — so
// a column added to a record (and to its Prisma select) but not to the SQL fails here, not in production.
describe('prepared hot reads return what Prisma returns', () => {
  const pools: pg.Pool[] = [];
  const pool = (schema: string) => {
    const created = createPool({ url: stackState().databaseUrl, schema, applicationName: 'epr-test-prepared-reads' });
    pools.push(created);
    return created;
  };
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  const someIds = async (p: pg.Pool, sql: string) => (await p.query<{ id: string }>(sql)).rows.map((r) => r.id);

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });

  test('patients by id, and organisations by ODS code', async () => {
    const p = pool(patientData.databaseSchema);
    const db = patientData.createDb(p);
    const ids = await someIds(p, 'SELECT id FROM patient ORDER BY id LIMIT 200');
    expect(ids.length).toBeGreaterThan(0);
    const prisma = await db.patient.findMany({ where: { id: { in: ids } }, select: patientColumns });
    expect(byId(await new PatientStore(db, p).findByIds(ids))).toEqual(byId(prisma));

    const ods = (await p.query<{ ods_code: string }>('SELECT ods_code FROM organisation')).rows.map((r) => r.ods_code);
    const organisations = await db.organisation.findMany({
      where: { odsCode: { in: ods } },
      select: { id: true, odsCode: true, name: true },
    });
    expect(byId(await new DirectoryStore(db, p).organisationsByOds(ods))).toEqual(byId(organisations));
  });

  test("patients' referrals, in order", async () => {
    const p = pool(carePathwayData.databaseSchema);
    const db = carePathwayData.createDb(p);
    const ids = await someIds(p, 'SELECT DISTINCT patient_id AS id FROM referral ORDER BY 1 LIMIT 100');
    expect(ids.length).toBeGreaterThan(0);
    const prisma = await db.referral.findMany({
      where: { patientId: { in: ids } },
      select: referralColumns,
      orderBy: [{ receivedOn: 'desc' }, { id: 'asc' }],
    });
    expect(await new ReferralStore(db, p).findByPatientIds(ids)).toEqual(prisma);
  });

  test("patients' appointments, in order", async () => {
    const p = pool(schedulingData.databaseSchema);
    const db = schedulingData.createDb(p);
    const ids = await someIds(p, 'SELECT DISTINCT patient_id AS id FROM appointment ORDER BY 1 LIMIT 100');
    expect(ids.length).toBeGreaterThan(0);
    const prisma = await db.appointment.findMany({
      where: { patientId: { in: ids } },
      select: appointmentColumns,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
    expect(await new AppointmentStore(db, p).findByPatientIds(ids)).toEqual(prisma);
  });

  test("a patient's latest access-log entries, and the page after them", async () => {
    // Olivia reads her own record a few times: entries in her log.
    const token = await tokenFor(people.olivia.userId, people.olivia.roleProfileId);
    for (let i = 0; i < 3; i++) await graphql('{ me { patient { id name { family } } } }', { token });
    const p = pool(auditData.databaseSchema);
    const db = auditData.createDb(p);
    const ids = await someIds(p, 'SELECT DISTINCT patient_id AS id FROM access_event WHERE patient_id IS NOT NULL ORDER BY 1 LIMIT 20');
    expect(ids.length).toBeGreaterThan(0);
    const viewer = { userId: 'nobody', teamIds: [] };
    const store = new AccessEventStore(db, p);
    const first = await store.latestForPatients(ids, 3, viewer);
    const viaPrisma = await db.$queryRaw<{ seq: bigint }[]>(
      sql`SELECT seq FROM audit.latest_access_events(${ids}::uuid[], 3, ${['nobody']}::text[], NULL, NULL)`,
    );
    expect(first.map((e) => e.seq)).toEqual(viaPrisma.map((e) => e.seq));
    expect(typeof first[0]!.seq).toBe('bigint');
    expect(first[0]!.occurredAt).toBeInstanceOf(Date);
    const last = first.filter((e) => e.patientId === ids[0]).at(-1)!;
    const next = await store.latestForPatients([ids[0]!], 3, viewer, { occurredAt: last.occurredAt, seq: last.seq });
    for (const event of next) expect(event.seq).not.toBe(last.seq);
  });
});
