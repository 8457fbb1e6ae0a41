import { describe, expect, test } from '@jest/globals';
import { loadPolicy, policyFromEnvironment } from '@epr/policy';
import { accessorRole, reasonFor, whatWasAccessed } from './record-access-view.js';

const policy = policyFromEnvironment({});
const baseline = (code: string) => policy.jobRoles.get(code);
const patient = { userId: 'olivia.bennett' };
const staff = (jobRoleCode: string, basisKind: string | null = 'RELATIONSHIP') => ({ userId: 'dr.amelia.hart', jobRoleCode, basisKind });

describe('who accessed my record, as a patient reads it', () => {
  test('staff appear by the name their role has in the policy, never by their own name', () => {
    expect(accessorRole(baseline, staff('R8000'), patient)).toBe('Clinical Practitioner');
    expect(accessorRole(baseline, staff('R8001'), patient)).toBe('Nurse');
    expect(accessorRole(baseline, staff('R8003'), patient)).toBe('General Medical Practitioner');
    expect(accessorRole(baseline, staff('R1980', null), patient)).toBe('Reporting Analyst');
  });

  test('every job role of the policy is named as the policy names it', () => {
    for (const [code, role] of policy.jobRoles) {
      if (role.scope === 'self') continue;
      expect([code, accessorRole(baseline, staff(code), patient)]).toEqual([code, role.name]);
    }
  });

  test("a trust's own policy file names its own roles", () => {
    const trustPolicy = loadPolicy({
      activities: { 'demographics.read': {} },
      jobRoles: { R8000: { name: 'Consultant', activities: ['demographics.read'] } },
    });
    expect(accessorRole((code) => trustPolicy.jobRoles.get(code), staff('R8000'), patient)).toBe('Consultant');
  });

  test("the patient's own accesses say so", () => {
    expect(accessorRole(baseline, { userId: 'olivia.bennett', jobRoleCode: 'PATIENT', basisKind: 'SELF' }, patient)).toBe('You');
    // Reading her own access log is recorded without a basis; it is still her.
    expect(accessorRole(baseline, { userId: 'olivia.bennett', jobRoleCode: 'PATIENT', basisKind: null }, patient)).toBe('You');
  });

  test('another patient account is not "You"', () => {
    const someoneElse = { userId: 'another.patient', jobRoleCode: 'PATIENT', basisKind: 'DECISION' };
    expect(accessorRole(baseline, someoneElse, patient)).toBe('Patient (portal)');
  });

  test('automated systems and roles missing from the policy are named, never "NHS staff"', () => {
    expect(accessorRole(baseline, { userId: 'scheduling', jobRoleCode: 'SERVICE', basisKind: 'SERVICE' }, patient)).toBe(
      'An automated NHS system',
    );
    expect(accessorRole(baseline, staff('R9999'), patient)).toBe('Job role R9999');
  });

  test('what was touched, in plain words', () => {
    expect(whatWasAccessed('referral.read', null)).toBe('Viewed your referrals');
    expect(whatWasAccessed('patient.create', null)).toBe('Added your details');
    expect(whatWasAccessed('emergency.access', null)).toBe('Accessed your record in an emergency');
    expect(whatWasAccessed('problem.read', 'problems')).toBe('Viewed your record (problems)');
    expect(whatWasAccessed('something.new', null)).toBe('Accessed your record');
  });

  test('the reason, without the internal detail of a refusal', () => {
    expect(reasonFor('RELATIONSHIP', 'REFERRAL')).toBe('Involved in your care (REFERRAL)');
    expect(reasonFor('EMERGENCY', 'Unconscious in ED')).toBe('Emergency access: Unconscious in ED');
    expect(reasonFor('DECISION', 'no legitimate relationship; consent withheld')).toBe('Access was refused');
    expect(reasonFor('SELF', null)).toBe('It is your own record');
    expect(reasonFor(null, null)).toBeNull();
  });
});
