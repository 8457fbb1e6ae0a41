import { randomUUID } from 'node:crypto';
import { as, people, staffAt } from './support/people.js';
import { withDatabase } from './support/security-log.js';
import { clinicianReceiving } from './support/referrals.js';
import { openAlertsAbout, opensRecord, practicePatient } from './support/practice-patients.js';

/*
 * Where relationships come from (issue: "legitimate relationships nobody can launder"), through the real gateway:
 * a referral gives the receiving service's team — not the whole organisation — a relationship with the patient,
 * only when it comes from a verified source, and its care ending ends it. Every way a clinician might create the
 * fact that grants her access herself is tried and refused.
 */
const cardiologyTeam = 'ca7e7ea0-0000-4000-8000-000000000001';
const dermatologyTeam = 'ca7e7ea0-0000-4000-8000-000000000002';

const createReferral = `mutation ($input: CreateReferralInput!) {
  createReferral(input: $input) { id source pathway { id } }
}`;
const triage = `mutation ($input: TriageReferralInput!) { triageReferral(input: $input) { id triage { status } } }`;

type Created = { createReferral: { id: string; source: string; pathway: { id: string } } | null };

function referral(patientId: string, overrides: Record<string, unknown> = {}) {
  return {
    input: {
      patientId,
      referringOrganisation: 'A81001',
      referringClinician: 'Dr David Lee',
      receivingOrganisation: 'RX1',
      specialty: 'Cardiology',
      priority: 'ROUTINE',
      reason: 'Exertional chest pain.',
      receivedOn: '2026-11-30',
      ...overrides,
    },
  };
}

async function relationshipsOf(patientId: string) {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ holder_kind: string; holder_id: string; type: string; expires_at: Date | null }>(
      `SELECT holder_kind::text, holder_id, type::text, expires_at FROM access_control.legitimate_relationship
        WHERE patient_id = $1 AND ended_at IS NULL ORDER BY created_at`,
      [patientId],
    );
    return rows;
  });
}

describe('nobody gains a relationship for themself by recording a referral', () => {
  test('a hospital clinician naming a GP practice as referrer is refused, and still cannot open the record', async () => {
    const patientId = await practicePatient();
    const attempt = await as<Created>('consultant', createReferral, referral(patientId));
    expect(attempt.data?.createReferral ?? null).toBeNull();
    expect(attempt.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(attempt.errors?.[0]?.message).toMatch(/referringOrganisation must be RX1/);
    expect(await opensRecord('consultant', patientId)).toBe(false);
    expect(await relationshipsOf(patientId)).toEqual([expect.objectContaining({ holder_kind: 'ORGANISATION', holder_id: 'A81001' })]);
  });

  test('referring from her own organisation needs her organisation to care for the patient already', async () => {
    const patientId = await practicePatient();
    const attempt = await as<Created>('consultant', createReferral, referral(patientId, { referringOrganisation: 'RX1' }));
    expect(attempt.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(attempt.errors?.[0]?.message).toMatch(/only a patient your organisation cares for/);
    expect(await opensRecord('consultant', patientId)).toBe(false);
  });

  test.each([
    [
      'a self-claim',
      `mutation ($patientId: ID!) { claimLegitimateRelationship(patientId: $patientId, reasonCode: "LR01") { expiresAt } }`,
      {},
    ],
    [
      'emergency access',
      `mutation ($patientId: ID!) { emergencyAccess(patientId: $patientId, reason: "Collapsed in the emergency department") { expiresAt } }`,
      {},
    ],
  ])('%s (alerted, short-lived) cannot be turned into a lasting team relationship by referring', async (_how, claim) => {
    const patientId = await practicePatient();
    const claimed = await as('consultant', claim, { patientId });
    expect(claimed.errors).toBeUndefined();
    expect(await opensRecord('consultant', patientId)).toBe(true);
    const attempt = await as<Created>('consultant', createReferral, referral(patientId, { referringOrganisation: 'RX1' }));
    expect(attempt.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL')).toEqual([]);
  });

  test('a colleague grant cannot be passed on as a referral either', async () => {
    const patientId = await practicePatient();
    const granted = await as(
      'gp',
      `mutation ($patientId: ID!, $to: ID!) { grantLegitimateRelationship(patientId: $patientId, colleagueUserId: $to, reasonCode: "LR01") { expiresAt } }`,
      { patientId, to: people.consultant.userId },
    );
    expect(granted.errors).toBeUndefined();
    const attempt = await as<Created>('consultant', createReferral, referral(patientId, { referringOrganisation: 'RX1' }));
    expect(attempt.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  test('a GP cannot refer a patient their practice does not care for', async () => {
    const elsewhere = await as<{ registerPatient: { id: string } }>(
      'clerk',
      `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
      { input: { givenName: 'Osian', familyName: `Elsewhere${randomUUID().slice(0, 6)}`, birthDate: '1990-01-02' } },
    );
    expect(elsewhere.errors).toBeUndefined();
    const attempt = await as<Created>('gp', createReferral, referral(elsewhere.data!.registerPatient.id));
    expect(attempt.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  test('a booking clerk registers letters only for her own organisation; an interface only receives for its own', async () => {
    const patientId = await practicePatient();
    const clerk = await as<Created>('clerk', createReferral, referral(patientId, { receivingOrganisation: 'RX2' }));
    expect(clerk.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const engine = await as<Created>('engine', createReferral, referral(patientId, { receivingOrganisation: 'RX2' }));
    expect(engine.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    // Reception may register patients but has no way to record referrals at all.
    const reception = await as<Created>('reception', createReferral, referral(patientId));
    expect(reception.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL')).toEqual([]);
  });

  test('the referring organisation is compared as an ODS code, however it is spelt', async () => {
    const patientId = await practicePatient();
    const spaced = await as<Created>('consultant', createReferral, referral(patientId, { referringOrganisation: ' rx1 ' }));
    expect(spaced.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const hostile = await as<Created>('consultant', createReferral, referral(patientId, { referringOrganisation: 'RX1\u0000A81001' }));
    expect(['BAD_USER_INPUT', 'FORBIDDEN']).toContain(hostile.errors?.[0]?.extensions?.['code']);
    expect(await opensRecord('consultant', patientId)).toBe(false);
  });
});

describe('a referral from a verified source gives the receiving team, and only it, a relationship', () => {
  test('a GP refers to RX1 cardiology: the cardiology team opens the record, RX1’s other teams do not', async () => {
    const patientId = await practicePatient();
    const wardNurseBefore = await opensRecord('wardNurse', patientId);
    const referred = await as<Created>('gp', createReferral, referral(patientId));
    expect(referred.errors).toBeUndefined();
    expect(referred.data!.createReferral!.source).toBe('REFERRER');

    expect(await opensRecord('consultant', patientId)).toBe(true); // Dr Hart, CARDIO-RX1
    expect(await opensRecord('nurse', patientId)).toBe(true); // Nurse Okafor, CARDIO-RX1
    expect(wardNurseBefore).toBe(false);
    expect(await opensRecord('wardNurse', patientId)).toBe(false); // Ward 7's team
    const dermatologist = await clinicianReceiving('RX1', 'Dermatology');
    expect(await opensRecord(dermatologist, patientId)).toBe(false);
    const teamless = await staffAt('RX1', 'R8000');
    expect(await opensRecord(teamless, patientId)).toBe(false);

    expect((await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL')).toEqual([
      expect.objectContaining({ holder_kind: 'TEAM', holder_id: cardiologyTeam, expires_at: null }),
    ]);
    expect(await openAlertsAbout(patientId)).toEqual([]);
  });

  test('a booking clerk registering a paper referral letter is its own action and raises a privacy-officer alert', async () => {
    const patientId = await practicePatient();
    const registered = await as<Created>('clerk', createReferral, referral(patientId));
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.createReferral!.source).toBe('PAPER_LETTER');
    expect(await openAlertsAbout(patientId)).toEqual(['REFERRAL_REGISTERED_FROM_LETTER']);
    expect(await opensRecord('consultant', patientId)).toBe(true);
    // The clerk herself gains nothing: she is not in the receiving team.
    expect(await opensRecord('clerk', patientId)).toBe(false);
  });

  test('the interface engine receives e-RS referrals for its organisation without an alert', async () => {
    const patientId = await practicePatient();
    const received = await as<Created>('engine', createReferral, referral(patientId, { ubrn: '999000000991' }));
    expect(received.errors).toBeUndefined();
    expect(received.data!.createReferral!.source).toBe('INTERFACE');
    expect(await openAlertsAbout(patientId)).toEqual([]);
    expect(await opensRecord('consultant', patientId)).toBe(true);
  });

  test('a referral to a service no team receives for gives nobody a relationship', async () => {
    const patientId = await practicePatient();
    const referred = await as<Created>('gp', createReferral, referral(patientId, { specialty: 'Audiovestibular medicine' }));
    expect(referred.errors).toBeUndefined();
    expect((await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL')).toEqual([]);
    expect(await opensRecord('consultant', patientId)).toBe(false);
  });
});

describe('triage belongs to the receiving service, and a referral’s care ending ends its relationships', () => {
  async function referredToCardiology(): Promise<{ patientId: string; referralId: string; pathwayId: string }> {
    const patientId = await practicePatient();
    const referred = await as<Created>('gp', createReferral, referral(patientId));
    expect(referred.errors).toBeUndefined();
    return { patientId, referralId: referred.data!.createReferral!.id, pathwayId: referred.data!.createReferral!.pathway.id };
  }

  const hoursFromNow = (at: Date | null) => (at === null ? null : (new Date(at).getTime() - Date.now()) / 3_600_000);

  test('the referrer cannot triage it or record its RTT events, nor can RX1 staff outside the receiving team triage it', async () => {
    const { referralId, pathwayId } = await referredToCardiology();
    const discharge = await as('gp', `mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { clockPhase } }`, {
      input: { pathwayId, rttStatus: '34', occurredOn: '2026-12-01' },
    });
    expect(discharge.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const byReferrer = await as('gp', triage, { input: { referralId, decision: 'ACCEPT' } });
    expect(byReferrer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const outsider = await clinicianReceiving('RX1', 'Dermatology');
    const byOutsider = await as(outsider, triage, {
      input: { referralId, decision: 'REDIRECT', reason: 'Skin first', redirectTo: { organisation: 'RX1', specialty: 'Dermatology' } },
    });
    expect(byOutsider.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(byOutsider.errors?.[0]?.message).toMatch(/care team that receives Cardiology referrals at RX1/);
  });

  test.each([
    [
      'emergency access',
      `mutation ($id: ID!) { emergencyAccess(patientId: $id, reason: "Collapsed in the emergency department") { expiresAt } }`,
    ],
    ['a self-claim', `mutation ($id: ID!) { claimLegitimateRelationship(patientId: $id, reasonCode: "LR01") { expiresAt } }`],
  ])('%s opens the record but is no standing to redirect the referral to one’s own team', async (how, claim) => {
    const { patientId, referralId } = await referredToCardiology();
    const service = `Vascular ${how.length}`;
    const outsider = await clinicianReceiving('RX1', service);
    expect((await as(outsider, claim, { id: patientId })).errors).toBeUndefined();
    expect(await opensRecord(outsider, patientId)).toBe(true);
    const redirected = await as(outsider, triage, {
      input: { referralId, decision: 'REDIRECT', reason: 'Mine now', redirectTo: { organisation: 'RX1', specialty: service } },
    });
    expect(redirected.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL').map((r) => r.holder_id)).toEqual([cardiologyTeam]);
  });

  test('once redirected away, the old team (in its grace period) can no longer triage it back to itself', async () => {
    const { patientId, referralId } = await referredToCardiology();
    const away = await as('consultant', triage, {
      input: { referralId, decision: 'REDIRECT', reason: 'Skin lesion.', redirectTo: { organisation: 'RX1', specialty: 'Dermatology' } },
    });
    expect(away.errors).toBeUndefined();
    const back = await as('consultant', triage, {
      input: { referralId, decision: 'REDIRECT', reason: 'Mine again.', redirectTo: { organisation: 'RX1', specialty: 'cardiology' } },
    });
    expect(back.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const cardiology = (await relationshipsOf(patientId)).find((r) => r.holder_id === cardiologyTeam);
    expect(hoursFromNow(cardiology!.expires_at)).toBeLessThanOrEqual(24);
  });

  test('a discharged team restarting the clock cannot renew its relationship by redirecting the referral to itself', async () => {
    const { patientId, referralId, pathwayId } = await referredToCardiology();
    const rtt = `mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { clockPhase } }`;
    expect((await as('consultant', rtt, { input: { pathwayId, rttStatus: '34', occurredOn: '2026-12-01' } })).errors).toBeUndefined();
    expect((await as('consultant', rtt, { input: { pathwayId, rttStatus: '10', occurredOn: '2026-12-02' } })).errors).toBeUndefined();
    const toItself = await as('consultant', triage, {
      input: { referralId, decision: 'REDIRECT', reason: 'Same service.', redirectTo: { organisation: 'RX1', specialty: ' cARDIOLOGY ' } },
    });
    expect(toItself.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    const referral = (await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL');
    expect(referral.length).toBeGreaterThan(0);
    for (const relationship of referral) expect(hoursFromNow(relationship.expires_at)).toBeLessThanOrEqual(24);
  });

  test('rejected at triage: the team keeps access for the grace period (24 h), then loses it', async () => {
    const { patientId, referralId } = await referredToCardiology();
    const rejected = await as('consultant', triage, { input: { referralId, decision: 'REJECT', reason: 'Not a cardiac cause.' } });
    expect(rejected.errors).toBeUndefined();
    const [team] = (await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL');
    expect(hoursFromNow(team!.expires_at)).toBeGreaterThan(23.9);
    expect(hoursFromNow(team!.expires_at)).toBeLessThanOrEqual(24);
    expect(await opensRecord('consultant', patientId)).toBe(true); // within the grace period
  });

  test('redirected: the relationship moves to the new service’s team (the old one ends after the grace period)', async () => {
    const { patientId, referralId } = await referredToCardiology();
    expect(await opensRecord('nurse', patientId)).toBe(true);
    const redirected = await as('consultant', triage, {
      input: {
        referralId,
        decision: 'REDIRECT',
        reason: 'Skin lesion, not cardiac.',
        redirectTo: { organisation: 'RX1', specialty: 'Dermatology' },
      },
    });
    expect(redirected.errors).toBeUndefined();
    const byTeam = Object.fromEntries((await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL').map((r) => [r.holder_id, r]));
    expect(hoursFromNow(byTeam[cardiologyTeam]!.expires_at)).toBeLessThanOrEqual(24);
    expect(byTeam[dermatologyTeam]).toMatchObject({ holder_kind: 'TEAM', expires_at: null });
    const dermatologist = await clinicianReceiving('RX1', 'Dermatology');
    expect(await opensRecord(dermatologist, patientId)).toBe(true);
  });

  test('discharged (RTT 34, no further contact): the team’s relationship ends after the grace period', async () => {
    const { patientId, pathwayId } = await referredToCardiology();
    const recorded = await as('consultant', `mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { clockPhase } }`, {
      input: { pathwayId, rttStatus: '34', occurredOn: '2026-12-01' },
    });
    expect(recorded.errors).toBeUndefined();
    const [team] = (await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL');
    expect(hoursFromNow(team!.expires_at)).toBeLessThanOrEqual(24);
  });

  const withdraw = `mutation ($input: WithdrawReferralInput!) {
    withdrawReferral(input: $input) { id withdrawal { withdrawnOn recordedBy reason } pathway { clockPhase currentPeriod { endReason } } }
  }`;
  type Withdrawn = {
    withdrawReferral: {
      withdrawal: { withdrawnOn: string; recordedBy: string; reason: string | null } | null;
      pathway: { clockPhase: string; currentPeriod: { endReason: string | null } };
    } | null;
  };

  test('withdrawn by the referring GP before the first appointment: the clock closes and the team’s relationship ends after the grace period', async () => {
    const { patientId, referralId } = await referredToCardiology();
    const withdrawn = await as<Withdrawn>('gp', withdraw, {
      input: { referralId, reason: 'Symptoms settled.', withdrawnOn: '2026-12-02' },
    });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data!.withdrawReferral).toMatchObject({
      withdrawal: { withdrawnOn: '2026-12-02', reason: 'Symptoms settled.' },
      pathway: { clockPhase: 'CLOSED', currentPeriod: { endReason: 'REFERRAL_WITHDRAWN' } },
    });
    const [team] = (await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL');
    expect(hoursFromNow(team!.expires_at)).toBeLessThanOrEqual(24);
    // Sent again (a retry, or a second click): refused, nothing recorded twice.
    const again = await as('gp', withdraw, { input: { referralId, reason: 'Symptoms settled.' } });
    expect(again.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    const timeline = await as<{ referral: { pathway: { timeline: { entries: { kind: string }[] } } } }>(
      'consultant',
      `query ($id: ID!) { referral(id: $id) { pathway { timeline { entries { kind } } } } }`,
      { id: referralId },
    );
    expect(timeline.data!.referral.pathway.timeline.entries.filter((entry) => entry.kind === 'REFERRAL_WITHDRAWN')).toHaveLength(1);
  });

  test('the receiving booking office withdraws on the referrer’s behalf; the receiving team’s clinician, the referring practice’s receptionist and another practice’s GP may not', async () => {
    const { patientId, referralId } = await referredToCardiology();
    const otherPractice = await staffAt(`W${randomUUID().slice(0, 5).toUpperCase()}`, 'R8003');
    for (const who of ['consultant', 'reception', otherPractice] as const) {
      const refused = await as(who, withdraw, { input: { referralId, reason: 'Not needed.' } });
      expect(refused.errors?.[0]?.extensions?.['code']).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      expect(refused.data?.['withdrawReferral'] ?? null).toBeNull();
    }
    const [still] = (await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL');
    expect(still!.expires_at).toBeNull();
    const future = await as('clerk', withdraw, { input: { referralId, reason: 'GP phoned to cancel.', withdrawnOn: '2030-01-01' } });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.withdrawnOn' });
    const beforeReceipt = await as('clerk', withdraw, { input: { referralId, reason: 'GP phoned to cancel.', withdrawnOn: '2026-11-01' } });
    expect(beforeReceipt.errors?.[0]?.extensions?.['code']).toMatch(/^(BAD_USER_INPUT|CONFLICT)$/);
    const byClerk = await as<Withdrawn>('clerk', withdraw, { input: { referralId, reason: 'GP phoned to cancel.' } });
    // She records it, but does not read the reason back: it is clinical content.
    expect(byClerk.errors?.map((error) => error.path?.join('.'))).toEqual(['withdrawReferral.withdrawal.reason']);
    expect(byClerk.data!.withdrawReferral!.pathway.clockPhase).toBe('CLOSED');
  });

  test('once the patient has been seen it cannot be withdrawn (the outcome is recorded instead), and the team keeps its relationship', async () => {
    const { patientId, referralId, pathwayId } = await referredToCardiology();
    const seen = await as('consultant', `mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { clockPhase } }`, {
      input: { pathwayId, rttStatus: '10', occurredOn: '2026-12-01' },
    });
    expect(seen.errors).toBeUndefined();
    const refused = await as('gp', withdraw, { input: { referralId, reason: 'Symptoms settled.' } });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/already been seen/);
    const [team] = (await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL');
    expect(team!.expires_at).toBeNull();
  });

  test('treatment starting (RTT 30) does not end it: the team still cares for the patient', async () => {
    const { patientId, pathwayId } = await referredToCardiology();
    const recorded = await as('consultant', `mutation ($input: RecordRttEventInput!) { recordRttEvent(input: $input) { clockPhase } }`, {
      input: { pathwayId, rttStatus: '30', occurredOn: '2026-12-01' },
    });
    expect(recorded.errors).toBeUndefined();
    const [team] = (await relationshipsOf(patientId)).filter((r) => r.type === 'REFERRAL');
    expect(team!.expires_at).toBeNull();
  });
});
