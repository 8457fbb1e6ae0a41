import { GraphQLError } from 'graphql';
import { rttClockStart, validateReferral } from './referral-request.js';
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
    expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).extensions['field'];
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
    ['referred after it was received', { referredOn: '2026-11-24', receivedOn: '2026-11-23' }, 'input.referredOn'],
    ['referred after the UBRN was converted', { referredOn: '2026-11-21', ubrnConvertedOn: '2026-11-20' }, 'input.referredOn'],
    ['a UBRN converted after receipt', { ubrnConvertedOn: '2026-11-24', receivedOn: '2026-11-23' }, 'input.ubrnConvertedOn'],
    ['a conversion date with no UBRN', { ubrn: null, ubrnConvertedOn: '2026-11-20' }, 'input.ubrnConvertedOn'],
    ['a referral date in the future', { referredOn: '2026-11-25' }, 'input.referredOn'],
  ])('%s is refused naming the field', (_label, change, field) => {
    expect(fieldOf(() => validateReferral({ ...valid, ...change }, '2026-11-24'))).toBe(field);
  });
});

describe('the clock start a referral gives (3.2.1)', () => {
  test('e-RS: the UBRN conversion date, not the date the letter came or the GP wrote it', () => {
    const referral = validateReferral(
      { ...valid, referredOn: '2026-11-10', ubrnConvertedOn: '2026-11-17', receivedOn: '2026-11-24' },
      '2026-11-24',
    );
    expect(referral).toMatchObject({ referredOn: '2026-11-10', ubrnConvertedOn: '2026-11-17', receivedOn: '2026-11-24' });
    expect(rttClockStart(referral)).toBe('2026-11-17');
  });

  test('not through e-RS, or e-RS without a conversion date: the date received', () => {
    expect(rttClockStart(validateReferral({ ...valid, ubrn: null, referredOn: '2026-11-10' }, '2026-11-24'))).toBe('2026-11-24');
    expect(rttClockStart(validateReferral(valid, '2026-11-24'))).toBe('2026-11-24');
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
