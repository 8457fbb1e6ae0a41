import { describe, expect, test } from '@jest/globals';
import { reasonFor, roleName, whatWasAccessed } from './record-access-view.js';

describe('who accessed my record, as a patient reads it', () => {
  test('staff appear by role, never by name', () => {
    expect(roleName('R8000')).toBe('Clinical Practitioner');
    expect(roleName('R8001')).toBe('Nurse');
    expect(roleName('R9999')).toBe('NHS staff');
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
    expect(reasonFor(null, null)).toBeNull();
  });
});
