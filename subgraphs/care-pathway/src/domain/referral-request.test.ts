import { GraphQLError } from 'graphql';
import { validateReferral } from './referral-request.js';
import { validateTriage } from './triage-request.js';

const valid = {
  patientId: '5E1F0C3A-0000-4000-8000-000000000001',
  referringOrganisation: ' a81001 ',
  referringClinician: 'Dr David Lee',
  receivingOrganisation: 'rx1',
  specialty: ' Cardiology ',
  priority: 'ROUTINE' as const,
  reason: 'Chest pain on exertion.',
  ubrn: '9990-0000-0011',
  receivedOn: '2026-11-24',
};

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).extensions.field;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('a referral received by a provider', () => {
  test('is normalised: ODS codes upper-cased, text trimmed, UBRN digits only', () => {
    expect(validateReferral(valid, '2026-11-24')).toMatchObject({
      patientId: '5e1f0c3a-0000-4000-8000-000000000001',
      referringOrganisation: 'A81001',
      receivingOrganisation: 'RX1',
      specialty: 'Cardiology',
      ubrn: '999000000011',
      receivedOn: '2026-11-24',
    });
  });

  test('may come without a UBRN (not through e-RS)', () => {
    expect(validateReferral({ ...valid, ubrn: null }, '2026-11-24').ubrn).toBeNull();
  });

  test.each([
    ['received tomorrow', { receivedOn: '2026-11-25' }, 'input.receivedOn'],
    ['a UBRN of 11 digits', { ubrn: '99900000001' }, 'input.ubrn'],
    ['a receiving organisation with spaces', { receivingOrganisation: 'R X 1' }, 'input.receivingOrganisation'],
    ['no referring clinician', { referringClinician: '' }, 'input.referringClinician'],
    ['no specialty', { specialty: ' ' }, 'input.specialty'],
  ])('%s is refused naming the field', (_label, change, field) => {
    expect(fieldOf(() => validateReferral({ ...valid, ...change }, '2026-11-24'))).toBe(field);
  });
});

describe('a triage decision', () => {
  test('accepting needs nothing more', () => {
    expect(validateTriage({ decision: 'ACCEPT' })).toEqual({ decision: 'ACCEPT' });
  });

  test('rejecting needs a reason; redirecting a reason and a destination', () => {
    expect(fieldOf(() => validateTriage({ decision: 'REJECT', reason: ' ' }))).toBe('input.reason');
    expect(fieldOf(() => validateTriage({ decision: 'REDIRECT', reason: 'Wrong clinic' }))).toBe('input.redirectTo');
    expect(
      validateTriage({
        decision: 'REDIRECT',
        reason: 'Wrong clinic',
        redirectTo: { organisation: 'rx1', specialty: 'Cardiothoracic surgery' },
      }),
    ).toEqual({
      decision: 'REDIRECT',
      reason: 'Wrong clinic',
      organisation: 'RX1',
      specialty: 'Cardiothoracic surgery',
    });
  });
});
