import { parseAllergy, parseClinicalDocument, parseMedication, parseProblem } from './clinical-entries.js';
import { chooseAuthoringTeam } from './authoring-team.js';
import { newTemporaryIdentity } from './temporary-identity.js';
import { badInputField } from '../test-support/bad-input.js';

const today = new Date('2026-11-24T12:00:00Z');
const hypertension = { conceptId: '38341003', term: 'Hypertensive disorder' };

describe('clinical entries', () => {
  test('a problem is active unless said otherwise', () => {
    expect(parseProblem({ code: hypertension, onsetDate: '2019-05-01' }, today)).toEqual({
      conceptId: '38341003',
      term: 'Hypertensive disorder',
      onsetDate: new Date('2019-05-01T00:00:00Z'),
      status: 'ACTIVE',
      resolvedOn: null,
    });
  });

  test('no item is recorded as entered in error', () => {
    expect(badInputField(() => parseProblem({ code: hypertension, status: 'ENTERED_IN_ERROR' }, today))).toBe('input.status');
  });

  test('an allergy keeps its substance and reaction codes', () => {
    expect(
      parseAllergy({
        substance: { conceptId: '764146007', term: 'Penicillin' },
        reaction: { conceptId: '126485001', term: 'Urticaria' },
        severity: 'MODERATE',
      }),
    ).toEqual({
      category: 'ALLERGY',
      substanceConceptId: '764146007',
      substanceTerm: 'Penicillin',
      reactionConceptId: '126485001',
      reactionTerm: 'Urticaria',
      severity: 'MODERATE',
    });
  });

  test('a medication with an end date has stopped', () => {
    const medication = parseMedication(
      {
        medicine: { conceptId: '319283006', term: 'Amlodipine 5mg tablets' },
        dosage: 'One daily',
        startDate: '2020-01-01',
        endDate: '2021-01-01',
      },
      today,
    );
    expect(medication.status).toBe('STOPPED');
  });

  test('a document keeps its sections in order', () => {
    const document = parseClinicalDocument(
      {
        type: { conceptId: '373942005', term: 'Discharge summary' },
        title: ' Discharge summary: cardiology ',
        authoredAt: '2026-11-20T16:45:00Z',
        sourceSystem: 'Cardiology PAS',
        sections: [
          { title: 'Diagnoses', text: 'Hypertension' },
          { title: 'Plan', text: 'GP to review in 2 weeks' },
        ],
      },
      today,
    );
    expect(document).toMatchObject({ title: 'Discharge summary: cardiology', sections: [{ title: 'Diagnoses' }, { title: 'Plan' }] });
  });

  test.each([
    ['a malformed SNOMED CT id', () => parseProblem({ code: { conceptId: '38341004', term: 'x' } }, today), 'input.code.conceptId'],
    [
      'a description id as a problem code',
      () => parseProblem({ code: { conceptId: '12345013', term: 'x' } }, today),
      'input.code.conceptId',
    ],
    ['an onset in the future', () => parseProblem({ code: hypertension, onsetDate: '2027-01-01' }, today), 'input.onsetDate'],
    [
      'a malformed reaction code',
      () =>
        parseAllergy({
          substance: { conceptId: '764146007', term: 'Penicillin' },
          reaction: { conceptId: '12', term: 'Rash' },
          severity: 'MILD',
        }),
      'input.reaction.conceptId',
    ],
    [
      'an end date before the start date',
      () =>
        parseMedication(
          { medicine: { conceptId: '319283006', term: 'x' }, dosage: 'd', startDate: '2021-01-01', endDate: '2020-01-01' },
          today,
        ),
      'input.endDate',
    ],
    [
      'an active medication with an end date',
      () =>
        parseMedication({ medicine: { conceptId: '319283006', term: 'x' }, dosage: 'd', status: 'ACTIVE', endDate: '2020-01-01' }, today),
      'input.status',
    ],
    [
      'a document without sections',
      () =>
        parseClinicalDocument(
          { type: { conceptId: '373942005', term: 'Discharge summary' }, title: 't', authoredAt: '2026-11-20T10:00:00Z', sections: [] },
          today,
        ),
      'input.sections',
    ],
    [
      'a document written in the future',
      () =>
        parseClinicalDocument(
          {
            type: { conceptId: '373942005', term: 'Discharge summary' },
            title: 't',
            authoredAt: '2026-11-25T10:00:00Z',
            sections: [{ title: 'a', text: 'b' }],
          },
          today,
        ),
      'input.authoredAt',
    ],
  ])('%s is refused naming the field', (_label, fn, field) => {
    expect(badInputField(fn)).toBe(field);
  });
});

describe('the authoring team', () => {
  const cardiology = { id: 'a0000000-0000-4000-8000-000000000001', code: 'RX1-CARDIOLOGY' };
  const wards = { id: 'a0000000-0000-4000-8000-000000000002', code: 'RX1-WARD-12' };

  test('the team asked for, when it is one of yours', () => {
    expect(chooseAuthoringTeam(wards.id, [cardiology, wards], 'SEALED')).toBe(wards.id);
  });

  test('your only team when none is asked for', () => {
    expect(chooseAuthoringTeam(undefined, [cardiology], 'NONE')).toBe(cardiology.id);
  });

  test('no team for an unsealed item when you have several and name none', () => {
    expect(chooseAuthoringTeam(null, [cardiology, wards], 'NONE')).toBeNull();
  });

  test('a team that is not yours is refused', () => {
    expect(badInputField(() => chooseAuthoringTeam(wards.id, [cardiology], 'NONE'))).toBe('input.authoringTeamId');
  });

  test('a sealed item without a team is refused', () => {
    expect(badInputField(() => chooseAuthoringTeam(null, [], 'SEALED_AND_LOCKED'))).toBe('input.authoringTeamId');
  });
});

describe('temporary identities', () => {
  test('TMP- and eight characters that cannot be misread', () => {
    expect(newTemporaryIdentity()).toMatch(/^TMP-[2-9A-HJKMNP-TV-Z]{8}$/);
    expect(newTemporaryIdentity(() => 0)).toBe('TMP-22222222');
  });
});
