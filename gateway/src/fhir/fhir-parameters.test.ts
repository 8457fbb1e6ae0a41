import { FhirError } from './fhir-error.js';
import { cursorParam, encodeCursor, pageOf, parseCount, searchset } from './paging.js';
import { birthDateParam, parseParams, patientParam, tokenParam } from './search-params.js';
import { planEntry } from './writes/bundle-plan.js';

const url = (query: string) => new URL(`http://gw/fhir/R4/Condition?${query}`);
const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof FhirError ? { status: error.status, expression: error.expression } : error;
  }
  return 'accepted';
};

describe('search parameters', () => {
  test('unknown, repeated or empty parameters are refused; _format may only ask for JSON', () => {
    expect(parseParams(url('patient=p1&_format=json'), ['patient'])).toEqual(new Map([['patient', 'p1']]));
    expect(refused(() => parseParams(url('subject=p1'), ['patient']))).toEqual({ status: 400, expression: 'subject' });
    expect(refused(() => parseParams(url('patient=a&patient=b'), ['patient']))).toEqual({ status: 400, expression: 'patient' });
    expect(refused(() => parseParams(url('patient='), ['patient']))).toEqual({ status: 400, expression: 'patient' });
    expect(refused(() => parseParams(url('_format=xml'), ['patient']))).toEqual({ status: 400, expression: '_format' });
  });

  test('values', () => {
    expect(patientParam('Patient/abc-1')).toBe('abc-1');
    expect(refused(() => patientParam('Patient/../x'))).toMatchObject({ status: 400 });
    expect(tokenParam('https://fhir.nhs.uk/Id/nhs-number|9990000018', 'identifier')).toEqual({
      system: 'https://fhir.nhs.uk/Id/nhs-number',
      value: '9990000018',
    });
    expect(refused(() => tokenParam('9990000018', 'identifier'))).toMatchObject({ status: 400 });
    expect(birthDateParam('eq1954-03-12')).toBe('1954-03-12');
    expect(refused(() => birthDateParam('gt1954-03-12'))).toMatchObject({ status: 400 });
    expect(parseCount(undefined)).toBe(20);
    expect(refused(() => parseCount('0'))).toMatchObject({ status: 400 });
  });
});

describe('paging', () => {
  test('cursors are opaque, of one kind per search, and cannot be forged into something else', () => {
    const params = (cursor: string) => new Map([['_cursor', cursor]]);
    expect(cursorParam(params(encodeCursor({ offset: 40 })), 'offset')).toEqual({ offset: 40 });
    expect(refused(() => cursorParam(params(encodeCursor({ after: 'x' })), 'offset'))).toMatchObject({ status: 400 });
    expect(refused(() => cursorParam(params(Buffer.from('{"offset":-1}').toString('base64url')), 'offset'))).toMatchObject({ status: 400 });
    expect(refused(() => cursorParam(params('!!!'), 'offset'))).toMatchObject({ status: 400 });
  });

  test('pages of a list and their links', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(pageOf(items, 2, null)).toEqual({ items: ['a', 'b'], next: { offset: 2 } });
    expect(pageOf(items, 2, { offset: 4 })).toEqual({ items: ['e'], next: null });
    const bundle = searchset(
      url('patient=p1&_count=2'),
      [{ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' } }],
      { offset: 2 },
      5,
    );
    expect(bundle).toMatchObject({
      type: 'searchset',
      total: 5,
      entry: [{ fullUrl: 'http://gw/fhir/R4/Condition/c1', search: { mode: 'match' } }],
    });
    const next = new URL(bundle.link!.find((l) => l.relation === 'next')!.url);
    expect(next.searchParams.get('patient')).toBe('p1');
    expect(cursorParam(new Map([['_cursor', next.searchParams.get('_cursor')!]]), 'offset')).toEqual({ offset: 2 });
  });
});

describe('Bundle entries as mutation inputs', () => {
  const snomed = 'http://snomed.info/sct';
  test('a Condition with a seal label and its conditional', () => {
    const plan = planEntry(
      {
        resource: {
          resourceType: 'Condition',
          meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
          subject: { reference: 'urn:uuid:1' },
          code: { coding: [{ system: snomed, code: '38341003', display: 'Hypertensive disorder' }] },
          clinicalStatus: { coding: [{ code: 'remission' }] },
          onsetDateTime: '2020-02-02T10:00:00Z',
        },
        request: { method: 'POST', url: 'Condition', ifNoneExist: `code=${snomed}|38341003` },
      },
      3,
    );
    expect(plan).toEqual({
      index: 3,
      type: 'Condition',
      patient: { fullUrl: 'urn:uuid:1' },
      input: {
        code: { conceptId: '38341003', term: 'Hypertensive disorder' },
        onsetDate: '2020-02-02',
        status: 'INACTIVE',
        sealLevel: 'SEALED',
      },
      ifNoneExist: { conceptId: '38341003' },
    });
  });

  test('a Patient as a registration: NHS number, hospital numbers, the official name, GP practice', () => {
    const plan = planEntry(
      {
        resource: {
          resourceType: 'Patient',
          identifier: [
            { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' },
            { system: 'https://fhir.rx1.nhs.uk/Id/local-patient-identifier', value: 'RX1-1' },
          ],
          name: [
            { use: 'old', family: 'Clarke', given: ['Olivia'] },
            { use: 'official', family: 'Bennett', given: ['Olivia', 'Mary'] },
          ],
          gender: 'other',
          birthDate: '1954-03-12',
          generalPractitioner: [{ identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A81001' } }],
        },
        request: { method: 'POST', url: 'Patient' },
      },
      0,
    );
    expect(plan).toMatchObject({
      type: 'Patient',
      input: {
        nhsNumber: '9990000018',
        localIdentifiers: [{ organisation: 'RX1', value: 'RX1-1' }],
        givenName: 'Olivia Mary',
        familyName: 'Bennett',
        sex: 'INDETERMINATE',
        registeredGpPractice: 'A81001',
      },
    });
  });

  test.each([
    ['a missing resource', { request: { method: 'POST', url: 'Patient' } }, 'Bundle.entry[0].resource'],
    ['a PUT', { resource: { resourceType: 'Patient' }, request: { method: 'PUT', url: 'Patient/1' } }, 'Bundle.entry[0].request.method'],
    [
      'a URL that is not the type',
      { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Condition' } },
      'Bundle.entry[0].request.url',
    ],
    [
      'an identifier system it does not know',
      { resource: { resourceType: 'Patient', identifier: [{ system: 'urn:x', value: '1' }] }, request: { method: 'POST', url: 'Patient' } },
      'Bundle.entry[0].resource.identifier[0].system',
    ],
    [
      'a medication without a dose',
      {
        resource: {
          resourceType: 'MedicationStatement',
          status: 'active',
          subject: { reference: 'Patient/p' },
          medicationCodeableConcept: { coding: [{ system: snomed, code: '1', display: 'x' }] },
        },
        request: { method: 'POST', url: 'MedicationStatement' },
      },
      'Bundle.entry[0].resource.dosage[0].text',
    ],
  ])('%s is refused at its element', (_label, entry, expression) => {
    expect(refused(() => planEntry(entry as never, 0))).toEqual({ status: 400, expression });
  });
});
