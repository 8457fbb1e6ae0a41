import { decide, identityOnlyFacts, onlyPatientIdentityMatters, patientFactsMatter } from './decide.js';
import { activities } from './activities.js';
import { policyFromEnvironment } from './baseline-policy.js';
import { isClinicianRole, loadPolicy, PolicyError, roleGrants } from './policy-document.js';
import type { AccessRequest, ItemFacts, PatientFacts, RelationshipType, SealLevel, Subject } from './facts.js';

const policy = policyFromEnvironment({});
const now = new Date('2026-11-24T12:00:00Z');
const later = new Date('2026-11-25T12:00:00Z');
const earlier = new Date('2026-11-23T12:00:00Z');

const subjects = {
  clinician: { kind: 'user', userId: 'dr.hart', jobRoleCode: 'R8000', organisationOds: 'RX1', teamIds: ['cardiology'] },
  nurse: { kind: 'user', userId: 'nurse.okafor', jobRoleCode: 'R8001', organisationOds: 'RX1', teamIds: [] },
  clerk: { kind: 'user', userId: 'clerk.reid', jobRoleCode: 'R8010', organisationOds: 'RX1', teamIds: [] },
  privacyOfficer: { kind: 'user', userId: 'po.shah', jobRoleCode: 'R0001', organisationOds: 'RX1', teamIds: [] },
  caldicott: { kind: 'user', userId: 'cg.jones', jobRoleCode: 'R5105', organisationOds: 'RX1', teamIds: [] },
  analyst: { kind: 'user', userId: 'analyst.eva', jobRoleCode: 'R1980', organisationOds: 'RX1', teamIds: [] },
  patient: { kind: 'user', userId: 'olivia', jobRoleCode: 'PATIENT', organisationOds: 'PORTAL', teamIds: [], patientId: 'p1' },
  gp: { kind: 'user', userId: 'gp.lee', jobRoleCode: 'R8000', organisationOds: 'A81001', teamIds: ['riverside'] },
} satisfies Record<string, Subject>;

type RelationshipState = 'none' | 'active' | 'expired' | 'self-claimed' | 'emergency' | 'expired-emergency';

function patientFacts(state: RelationshipState, consent: Partial<PatientFacts> = {}): PatientFacts {
  const relationship = (type: RelationshipType, expiresAt: Date | null) => [{ type, expiresAt }];
  return {
    patientId: 'p1',
    relationships:
      state === 'active'
        ? relationship('REFERRAL', null)
        : state === 'expired'
          ? relationship('REFERRAL', earlier)
          : state === 'self-claimed'
            ? relationship('SELF_CLAIM', later)
            : [],
    emergency:
      state === 'emergency'
        ? { reason: 'Unconscious in ED', expiresAt: later }
        : state === 'expired-emergency'
          ? { reason: 'old', expiresAt: earlier }
          : null,
    doNotShare: false,
    nationalOptOut: false,
    ...consent,
  };
}

function item(sealLevel: SealLevel, extra: Partial<ItemFacts> = {}): ItemFacts {
  return { sealLevel, authoringOrganisation: 'RX1', authoringTeamId: 'oncology', nominatedUserIds: null, ...extra };
}

function effect(request: Omit<AccessRequest, 'now'>) {
  return decide(policy, { ...request, now }).effect;
}

describe('role', () => {
  test.each([
    ['clinician', 'clinical.read', true],
    ['nurse', 'clinical.read', true],
    ['clerk', 'clinical.read', false],
    ['clerk', 'appointments.manage', true],
    ['clerk', 'appointments.back_enter', true],
    ['clinician', 'appointments.back_enter', false],
    ['clerk', 'demographics.write', true],
    ['privacyOfficer', 'clinical.read', false],
    ['privacyOfficer', 'audit.read', true],
    ['analyst', 'pathway.report', true],
    ['analyst', 'demographics.read', false],
    ['caldicott', 'sealed.override', true],
    ['clinician', 'sealed.override', false],
  ] as const)('%s holding %s: %s', (who, activity, granted) => {
    expect(roleGrants(policy, subjects[who].jobRoleCode, activity)).toBe(granted);
    const result = decide(policy, { subject: subjects[who], activity, now });
    expect(result.effect).toBe(granted ? 'ALLOW' : 'DENY');
  });

  test('an unknown job role holds nothing', () => {
    expect(decide(policy, { subject: { ...subjects.clinician, jobRoleCode: 'R9999' }, activity: 'demographics.read', now })).toMatchObject({
      effect: 'DENY',
      reason: 'role_lacks_activity',
    });
  });

  test('services and the gateway never read records through the policy', () => {
    expect(effect({ subject: { ...subjects.clinician, kind: 'service' }, activity: 'demographics.read' })).toBe('DENY');
    expect(effect({ subject: { ...subjects.clinician, kind: 'system' }, activity: 'demographics.read' })).toBe('DENY');
  });

  test('the refusal says which role and what it may not do', () => {
    expect(decide(policy, { subject: subjects.clerk, activity: 'clinical.read', now })).toMatchObject({
      message: 'Your role (Clerical (booking clerk)) does not allow viewing clinical information.',
    });
  });
});

describe('relationship × role for clinical access', () => {
  const states: RelationshipState[] = ['none', 'active', 'expired', 'self-claimed', 'emergency', 'expired-emergency'];
  const expected: Record<RelationshipState, string> = {
    none: 'DENY',
    active: 'ALLOW',
    expired: 'DENY',
    'self-claimed': 'ALLOW',
    emergency: 'ALLOW',
    'expired-emergency': 'DENY',
  };
  test.each(states)('a clinician with relationship state %s', (state) => {
    expect(effect({ subject: subjects.clinician, activity: 'clinical.read', patient: patientFacts(state) })).toBe(expected[state]);
  });
  test.each(states)('a booking clerk never reads clinical content (state %s)', (state) => {
    expect(effect({ subject: subjects.clerk, activity: 'clinical.read', patient: patientFacts(state) })).toBe('DENY');
  });
  test.each(states)('a privacy officer never reads clinical content (state %s)', (state) => {
    expect(effect({ subject: subjects.privacyOfficer, activity: 'clinical.read', patient: patientFacts(state) })).toBe('DENY');
  });
  test('demographics need no relationship (a trace)', () => {
    expect(effect({ subject: subjects.clerk, activity: 'demographics.read', patient: patientFacts('none') })).toBe('ALLOW');
  });
  test('the basis names the strongest relationship, or the emergency reason', () => {
    const both = {
      ...patientFacts('self-claimed'),
      relationships: [
        { type: 'SELF_CLAIM' as const, expiresAt: later },
        { type: 'REFERRAL' as const, expiresAt: null },
      ],
    };
    expect(decide(policy, { subject: subjects.clinician, activity: 'clinical.read', patient: both, now })).toEqual({
      effect: 'ALLOW',
      basis: { kind: 'RELATIONSHIP', detail: 'REFERRAL' },
    });
    expect(decide(policy, { subject: subjects.clinician, activity: 'clinical.read', patient: patientFacts('emergency'), now })).toEqual({
      effect: 'ALLOW',
      basis: { kind: 'EMERGENCY', detail: 'Unconscious in ED' },
    });
  });
  test('without a relationship the message says how to get access', () => {
    expect(decide(policy, { subject: subjects.clinician, activity: 'clinical.read', patient: patientFacts('none'), now })).toMatchObject({
      reason: 'no_relationship',
      message: expect.stringMatching(/legitimate relationship.*emergency access/),
    });
  });
});

describe('patient portal: own record only', () => {
  test('a patient reads their own record', () => {
    expect(decide(policy, { subject: subjects.patient, activity: 'clinical.read', patient: patientFacts('none'), now })).toEqual({
      effect: 'ALLOW',
      basis: { kind: 'SELF' },
    });
  });
  test('another patient’s record does not exist for them', () => {
    expect(
      effect({ subject: subjects.patient, activity: 'demographics.read', patient: { ...patientFacts('none'), patientId: 'p2' } }),
    ).toBe('HIDE');
  });
  test('a patient sees who accessed their own record, not the wider security log, and cannot write clinical items', () => {
    expect(effect({ subject: subjects.patient, activity: 'access_log.read_own', patient: patientFacts('none') })).toBe('ALLOW');
    expect(
      effect({ subject: subjects.patient, activity: 'access_log.read_own', patient: { ...patientFacts('none'), patientId: 'p2' } }),
    ).toBe('HIDE');
    expect(effect({ subject: subjects.patient, activity: 'audit.read' })).toBe('DENY');
    expect(effect({ subject: subjects.patient, activity: 'alerts.manage' })).toBe('DENY');
    expect(effect({ subject: subjects.patient, activity: 'clinical.write', patient: patientFacts('none') })).toBe('DENY');
  });
  test('their own sealed items are theirs to see; sealed-and-locked stay with the authoring team', () => {
    expect(effect({ subject: subjects.patient, activity: 'clinical.read', patient: patientFacts('none'), item: item('SEALED') })).toBe(
      'ALLOW',
    );
    expect(
      effect({ subject: subjects.patient, activity: 'clinical.read', patient: patientFacts('none'), item: item('SEALED_AND_LOCKED') }),
    ).toBe('HIDE');
  });
});

describe('seals × relationship', () => {
  const cases: [RelationshipState, SealLevel, string][] = [
    ['active', 'NONE', 'ALLOW'],
    ['active', 'SEALED', 'PLACEHOLDER'],
    ['active', 'SEALED_AND_LOCKED', 'HIDE'],
    ['emergency', 'NONE', 'ALLOW'],
    ['emergency', 'SEALED', 'PLACEHOLDER'],
    ['emergency', 'SEALED_AND_LOCKED', 'HIDE'],
    ['none', 'SEALED_AND_LOCKED', 'DENY'],
  ];
  test.each(cases)('clinician, relationship %s, item %s → %s', (state, seal, outcome) => {
    expect(effect({ subject: subjects.clinician, activity: 'clinical.read', patient: patientFacts(state), item: item(seal) })).toBe(
      outcome,
    );
  });

  test('the authoring team sees its sealed and locked items', () => {
    const author = { ...subjects.clinician, teamIds: ['oncology'] };
    expect(effect({ subject: author, activity: 'clinical.read', patient: patientFacts('active'), item: item('SEALED_AND_LOCKED') })).toBe(
      'ALLOW',
    );
    expect(effect({ subject: author, activity: 'clinical.read', patient: patientFacts('active'), item: item('SEALED') })).toBe('ALLOW');
  });

  test('the author sees what they sealed, even without a team', () => {
    const own = item('SEALED_AND_LOCKED', { authoringTeamId: null, authorUserId: 'dr.hart' });
    expect(effect({ subject: subjects.clinician, activity: 'clinical.read', patient: patientFacts('active'), item: own })).toBe('ALLOW');
    expect(effect({ subject: subjects.nurse, activity: 'clinical.read', patient: patientFacts('active'), item: own })).toBe('HIDE');
  });

  test('a sealed item opens to a role holding the override, with a justification', () => {
    const caldicottWithLr = {
      subject: subjects.caldicott,
      activity: 'clinical.read' as const,
      patient: patientFacts('active'),
      item: item('SEALED'),
    };
    expect(effect(caldicottWithLr)).toBe('PLACEHOLDER');
    expect(effect({ ...caldicottWithLr, sealOverride: '   ' })).toBe('PLACEHOLDER');
    expect(decide(policy, { ...caldicottWithLr, sealOverride: 'Safeguarding review', now })).toEqual({
      effect: 'ALLOW',
      basis: { kind: 'SEAL_OVERRIDE', detail: 'Safeguarding review' },
    });
  });

  test('a justification the shared rule refuses never opens a seal', () => {
    const caldicottWithLr = {
      subject: subjects.caldicott,
      activity: 'clinical.read' as const,
      patient: patientFacts('active'),
      item: item('SEALED'),
    };
    expect(effect({ ...caldicottWithLr, sealOverride: 'Because' })).toBe('PLACEHOLDER');
    expect(effect({ ...caldicottWithLr, sealOverride: 'x'.repeat(501) })).toBe('PLACEHOLDER');
    expect(effect({ ...caldicottWithLr, sealOverride: 'Safeguarding\u202e review' })).toBe('PLACEHOLDER');
  });

  test('a justification from a role without the override changes nothing', () => {
    expect(
      effect({
        subject: subjects.clinician,
        activity: 'clinical.read',
        patient: patientFacts('active'),
        item: item('SEALED'),
        sealOverride: 'I need it',
      }),
    ).toBe('PLACEHOLDER');
  });

  test('no override opens sealed and locked', () => {
    expect(
      effect({
        subject: subjects.caldicott,
        activity: 'clinical.read',
        patient: patientFacts('emergency'),
        item: item('SEALED_AND_LOCKED'),
        sealOverride: 'Court order',
      }),
    ).toBe('HIDE');
  });
});

describe('entered in error', () => {
  const inError = (extra: Partial<ItemFacts> = {}) => item('NONE', { enteredInError: true, ...extra });
  const read = (subject: Subject, facts: ItemFacts, state: RelationshipState = 'active') =>
    effect({ subject, activity: 'clinical.read', patient: patientFacts(state), item: facts });

  test('its authoring team and its author still read it', () => {
    expect(read({ ...subjects.clinician, teamIds: ['oncology'] }, inError())).toBe('ALLOW');
    expect(read(subjects.nurse, inError({ authoringTeamId: null, authorUserId: 'nurse.okafor' }))).toBe('ALLOW');
  });

  test('other clinicians with a relationship, and the patient, do not: it is as if it were not there', () => {
    expect(read(subjects.clinician, inError())).toBe('HIDE');
    expect(read(subjects.patient, inError())).toBe('HIDE');
    expect(read(subjects.clinician, inError(), 'emergency')).toBe('HIDE');
  });

  test('a role that reviews such entries reads it, with the usual relationship, seal and consent checks', () => {
    expect(read(subjects.caldicott, inError())).toBe('ALLOW');
    expect(read(subjects.caldicott, inError(), 'none')).toBe('DENY');
    expect(read(subjects.caldicott, inError({ sealLevel: 'SEALED' }))).toBe('PLACEHOLDER');
    expect(read(subjects.caldicott, inError({ sealLevel: 'SEALED_AND_LOCKED' }))).toBe('HIDE');
    expect(read(subjects.privacyOfficer, inError())).toBe('DENY');
  });
});

describe('consent', () => {
  test('do-not-share hides items recorded by another organisation, not the reader’s own', () => {
    const facts = patientFacts('active', { doNotShare: true });
    expect(
      effect({ subject: subjects.gp, activity: 'clinical.read', patient: facts, item: item('NONE', { authoringOrganisation: 'RX1' }) }),
    ).toBe('HIDE');
    expect(
      effect({ subject: subjects.gp, activity: 'clinical.read', patient: facts, item: item('NONE', { authoringOrganisation: 'A81001' }) }),
    ).toBe('ALLOW');
  });

  test('do-not-share holds in an emergency too', () => {
    expect(
      effect({
        subject: subjects.gp,
        activity: 'clinical.read',
        patient: patientFacts('emergency', { doNotShare: true }),
        item: item('NONE'),
      }),
    ).toBe('HIDE');
  });

  test('items for nominated individuals only', () => {
    const nominated = item('NONE', { nominatedUserIds: ['nurse.okafor'] });
    expect(effect({ subject: subjects.nurse, activity: 'clinical.read', patient: patientFacts('active'), item: nominated })).toBe('ALLOW');
    expect(effect({ subject: subjects.clinician, activity: 'clinical.read', patient: patientFacts('active'), item: nominated })).toBe(
      'HIDE',
    );
  });

  test('the national data opt-out removes a patient from reporting but never from direct care', () => {
    const optedOut = patientFacts('active', { nationalOptOut: true });
    expect(effect({ subject: subjects.analyst, activity: 'pathway.report', patient: optedOut, purpose: 'SECONDARY_USE' })).toBe('HIDE');
    expect(effect({ subject: subjects.analyst, activity: 'pathway.report', patient: patientFacts('none'), purpose: 'SECONDARY_USE' })).toBe(
      'ALLOW',
    );
    expect(effect({ subject: subjects.clinician, activity: 'clinical.read', patient: optedOut })).toBe('ALLOW');
  });
});

describe('when patient facts cannot matter', () => {
  const everyFact: PatientFacts[] = [
    patientFacts('none'),
    patientFacts('active'),
    patientFacts('emergency'),
    patientFacts('none', { nationalOptOut: true }),
    patientFacts('none', { doNotShare: true }),
  ];

  test('deciding without them gives the same answer as with any facts, for every role, activity and purpose', () => {
    let skipped = 0;
    for (const subject of Object.values(subjects)) {
      for (const activity of activities) {
        for (const purpose of ['DIRECT_CARE', 'SECONDARY_USE'] as const) {
          if (patientFactsMatter(policy, subject, activity, purpose)) continue;
          skipped += 1;
          const without = decide(policy, { subject, activity, now, purpose });
          for (const patient of everyFact) expect(decide(policy, { subject, activity, patient, now, purpose })).toEqual(without);
        }
      }
    }
    expect(skipped).toBeGreaterThan(0);
  });

  test('they matter for clinical content, for secondary use and for a patient reading their own record', () => {
    expect(patientFactsMatter(policy, subjects.clinician, 'clinical.read', 'DIRECT_CARE')).toBe(true);
    expect(patientFactsMatter(policy, subjects.clerk, 'demographics.read', 'SECONDARY_USE')).toBe(true);
    expect(patientFactsMatter(policy, subjects.patient, 'appointments.read', 'DIRECT_CARE')).toBe(true);
    expect(patientFactsMatter(policy, subjects.clerk, 'demographics.read', 'DIRECT_CARE')).toBe(false);
  });
});

describe('when only who the patient is can matter', () => {
  const everyFact: PatientFacts[] = (['none', 'active', 'expired', 'self-claimed', 'emergency', 'expired-emergency'] as const).flatMap(
    (state) => [
      patientFacts(state),
      patientFacts(state, { doNotShare: true }),
      patientFacts(state, { nationalOptOut: true }),
      patientFacts(state, { patientId: 'p2', doNotShare: true }),
    ],
  );
  const everyItem = [
    undefined,
    item('NONE'),
    item('SEALED'),
    item('SEALED_AND_LOCKED'),
    item('NONE', { nominatedUserIds: ['someone'] }),
    item('NONE', { authoringOrganisation: 'A81001' }),
  ];

  test('deciding with bare facts gives the same answer as with any facts, for every activity, purpose and item', () => {
    const scoped = Object.values(subjects).filter((subject) => onlyPatientIdentityMatters(policy, subject));
    expect(scoped).toEqual([subjects.patient]);
    for (const subject of scoped)
      for (const activity of activities)
        for (const purpose of ['DIRECT_CARE', 'SECONDARY_USE'] as const)
          for (const patient of everyFact)
            for (const about of everyItem) {
              const request = { subject, activity, now, purpose, ...(about ? { item: about } : {}) };
              expect(decide(policy, { ...request, patient: identityOnlyFacts(patient.patientId) })).toEqual(
                decide(policy, { ...request, patient }),
              );
            }
  });

  test('not for staff, whose relationships and consents decide', () => {
    for (const subject of [subjects.clinician, subjects.clerk, subjects.analyst, subjects.gp])
      expect(onlyPatientIdentityMatters(policy, subject)).toBe(false);
  });
});

describe('policy documents', () => {
  test('includes are expanded', () => {
    expect(roleGrants(policy, 'R8000', 'clinical.read')).toBe(true);
    expect(roleGrants(policy, 'R8000', 'demographics.read')).toBe(true);
    expect(roleGrants(policy, 'R0001', 'audit.read')).toBe(true);
  });

  test('an unknown activity is refused at load', () => {
    expect(() => loadPolicy({ activities: {}, jobRoles: { R1: { name: 'x', activities: ['clinical.reed'] } } })).toThrow(PolicyError);
    expect(() => loadPolicy({ activities: { 'clinical.read': { includes: ['nope'] } }, jobRoles: {} })).toThrow(/unknown activity "nope"/);
  });

  test('the interface engine registers, merges and admits patients, receives referrals, and never reads clinical content', () => {
    const engine: Subject = { kind: 'user', userId: 'interface.engine', jobRoleCode: 'IFENGINE', organisationOds: 'RX1', teamIds: [] };
    // It reads back the referral metadata it received (the answer to its own write); the reason stays clinical content.
    for (const activity of [
      'demographics.write',
      'demographics.read',
      'admissions.manage',
      'referrals.create',
      'referrals.read',
    ] as const) {
      expect(effect({ subject: engine, activity })).toBe('ALLOW');
    }
    for (const activity of ['clinical.read', 'appointments.read', 'audit.read'] as const) {
      expect(effect({ subject: engine, activity, patient: patientFacts('active') })).toBe('DENY');
    }
  });

  test('the grace after a care process ends is policy data, never negative', () => {
    expect(policy.relationshipEndGraceHours).toBe(24);
    expect(loadPolicy({ activities: {}, jobRoles: {}, relationshipEndGraceHours: 0 }).relationshipEndGraceHours).toBe(0);
    expect(() => loadPolicy({ activities: {}, jobRoles: {}, relationshipEndGraceHours: -1 })).toThrow(/relationshipEndGraceHours/);
  });

  test('sessions last at most the baseline 12 hours, or what a trust sets between 0 and 24 hours', () => {
    expect(policy.sessionMaxAgeHours).toBe(12);
    expect(loadPolicy({ activities: {}, jobRoles: {}, sessionMaxAgeHours: 0.5 }).sessionMaxAgeHours).toBe(0.5);
    for (const sessionMaxAgeHours of [0, -1, 25, '12', 87_600]) {
      expect(() => loadPolicy({ activities: {}, jobRoles: {}, sessionMaxAgeHours })).toThrow(/sessionMaxAgeHours/);
    }
  });
});

describe('clinician roles (who may run a clinic)', () => {
  test('the baseline’s clinicians and nurses are; clerks, governance, analysts, patients and feeds are not', () => {
    const clinicians = [...policy.jobRoles.keys()].filter((code) => isClinicianRole(policy.jobRoles.get(code)));
    expect(clinicians.sort()).toEqual(['R8000', 'R8001', 'R8003']);
    expect(isClinicianRole(undefined)).toBe(false);
  });
});
