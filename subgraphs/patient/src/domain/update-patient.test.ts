import type { PatientRecord } from '../data/patient-store.js';
import { validatePatientUpdate } from './update-patient.js';
import { badInputField } from '../test-support/bad-input.js';

const today = new Date('2026-11-24T12:00:00Z');
const current: PatientRecord = {
  id: '5e1f0c3a-0000-4000-8000-000000000001',
  nhsNumber: null,
  temporaryIdentity: 'TMP-ABCDEFGH',
  givenName: 'Olivia',
  familyName: 'Smith',
  birthDate: new Date('1954-03-12T00:00:00Z'),
  sex: 'FEMALE',
  genderIdentity: null,
  addressLines: ['1 Mill Lane'],
  postcode: 'LS1 4AP',
  telephone: null,
  email: null,
  registeredGpPracticeId: null,
  dateOfDeath: null,
  replacedById: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

describe('updating a patient', () => {
  test('only what is given changes; a new family name keeps the old name as a previous name', () => {
    expect(validatePatientUpdate({ familyName: 'Bennett' }, current, today)).toEqual({
      familyName: 'Bennett',
      previousName: { givenName: 'Olivia', familyName: 'Smith' },
    });
  });

  test('the same name again is no change of name', () => {
    expect(validatePatientUpdate({ givenName: 'Olivia', telephone: '0113 496 0000' }, current, today)).toEqual({
      givenName: 'Olivia',
      telephone: '0113 496 0000',
    });
  });

  test('an identified patient gets their NHS number', () => {
    expect(validatePatientUpdate({ nhsNumber: '999 000 0018' }, current, today)).toEqual({ nhsNumber: '9990000018' });
  });

  test('optional details set to null are cleared', () => {
    expect(validatePatientUpdate({ address: null, email: null, registeredGpPractice: null, genderIdentity: null }, current, today)).toEqual(
      {
        addressLines: [],
        postcode: null,
        email: null,
        registeredGpPractice: null,
        genderIdentity: null,
      },
    );
  });

  test('a date of death is recorded', () => {
    expect(validatePatientUpdate({ dateOfDeath: '2026-11-01' }, current, today).dateOfDeath?.toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
  });

  test.each([
    ['removing the NHS number', { nhsNumber: null }, 'input.nhsNumber'],
    ['clearing the given name', { givenName: null }, 'input.givenName'],
    ['clearing the birth date', { birthDate: null }, 'input.birthDate'],
    ['clearing sex', { sex: null }, 'input.sex'],
    ['a date of death in the future', { dateOfDeath: '2026-12-01' }, 'input.dateOfDeath'],
    ['a date of death before birth', { dateOfDeath: '1950-01-01' }, 'input.dateOfDeath'],
    ['a date of death before the new birth date', { birthDate: '1960-01-01', dateOfDeath: '1955-01-01' }, 'input.dateOfDeath'],
  ])('%s is refused naming the field', (_label, change, field) => {
    expect(badInputField(() => validatePatientUpdate(change, current, today))).toBe(field);
  });

  test('a birth date after the recorded date of death is refused', () => {
    const deceased = { ...current, dateOfDeath: new Date('2020-01-01T00:00:00Z') };
    expect(badInputField(() => validatePatientUpdate({ birthDate: '2021-01-01' }, deceased, today))).toBe('input.birthDate');
  });
});
