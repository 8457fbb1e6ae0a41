import { validateRegistration } from './register-patient.js';
import { badInputField } from '../test-support/bad-input.js';

const today = new Date('2026-11-24T12:00:00Z');
const valid = { nhsNumber: '943 476 5919', givenName: ' Ada ', familyName: 'Lovelace', birthDate: '1990-12-10' };
const temporary = () => 'TMP-TEST2345';

describe('registering a patient', () => {
  test('a valid registration is normalised', () => {
    expect(validateRegistration(valid, today, temporary)).toEqual({
      nhsNumber: '9434765919',
      temporaryIdentity: null,
      givenName: 'Ada',
      familyName: 'Lovelace',
      birthDate: new Date('1990-12-10T00:00:00Z'),
      sex: 'NOT_KNOWN',
      genderIdentity: null,
      addressLines: [],
      postcode: null,
      telephone: null,
      email: null,
      registeredGpPractice: null,
      dateOfDeath: null,
      localIdentifiers: [],
    });
  });

  test('an unidentified patient has no NHS number and gets a temporary identity', () => {
    expect(validateRegistration({ ...valid, nhsNumber: null }, today, temporary)).toMatchObject({
      nhsNumber: null,
      temporaryIdentity: 'TMP-TEST2345',
    });
  });

  test('contact details, address, practice and local identifiers are kept in standard form', () => {
    const patient = validateRegistration(
      {
        ...valid,
        sex: 'FEMALE',
        genderIdentity: 'FEMALE',
        address: { lines: [' 12  Park Row ', '', 'Leeds'], postcode: 'ls14ap' },
        telephone: ' +44 113 496 0000 ',
        email: ' ada@example.org ',
        registeredGpPractice: 'a81001',
        localIdentifiers: [{ organisation: 'rx1', value: 'RX1-0042317' }],
      },
      today,
    );
    expect(patient).toMatchObject({
      sex: 'FEMALE',
      addressLines: ['12 Park Row', 'Leeds'],
      postcode: 'LS1 4AP',
      telephone: '+44 113 496 0000',
      email: 'ada@example.org',
      registeredGpPractice: 'A81001',
      localIdentifiers: [{ odsCode: 'RX1', value: 'RX1-0042317' }],
    });
  });

  test.each([
    ['an invalid NHS number', { nhsNumber: '9434765918' }, 'input.nhsNumber'],
    ['a short NHS number', { nhsNumber: '12345' }, 'input.nhsNumber'],
    ['an empty given name', { givenName: '  ' }, 'input.givenName'],
    ['an empty family name', { familyName: '' }, 'input.familyName'],
    ['a family name without letters', { familyName: '--' }, 'input.familyName'],
    ['a birth date in the future', { birthDate: '2026-11-25' }, 'input.birthDate'],
    ['a date that does not exist', { birthDate: '2023-02-29' }, 'input.birthDate'],
    ['a date in another format', { birthDate: '10/12/1990' }, 'input.birthDate'],
    ['a postcode that is not one', { address: { lines: ['1 Road'], postcode: 'LS1 4' } }, 'input.address.postcode'],
    ['an address without lines', { address: { lines: [' '] } }, 'input.address.lines'],
    ['a telephone number with letters', { telephone: '0113 CALL ME' }, 'input.telephone'],
    ['an email without a domain', { email: 'ada@' }, 'input.email'],
    ['a malformed ODS code', { registeredGpPractice: 'A8-1001' }, 'input.registeredGpPractice'],
    ['a local identifier with spaces', { localIdentifiers: [{ organisation: 'RX1', value: 'RX1 42' }] }, 'input.localIdentifiers[0].value'],
    [
      'the same local identifier twice',
      {
        localIdentifiers: [
          { organisation: 'RX1', value: 'A1' },
          { organisation: 'rx1', value: 'A1' },
        ],
      },
      'input.localIdentifiers[1].value',
    ],
  ])('%s is refused naming the field', (_label, change, field) => {
    expect(badInputField(() => validateRegistration({ ...valid, ...change }, today))).toBe(field);
  });

  test('born today is allowed', () => {
    expect(validateRegistration({ ...valid, birthDate: '2026-11-24' }, today).birthDate.toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });
});
