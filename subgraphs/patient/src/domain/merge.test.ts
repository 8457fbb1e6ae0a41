import { type GraphQLError } from 'graphql';
import { checkMergeParties, checkUnmerge, nhsNumberToMove, validateMergeRequest, type MergeParty } from './merge.js';
import { badInputField } from '../test-support/bad-input.js';

const survivorId = '5e1f0c3a-0000-4000-8000-000000000002';
const replacedId = '5e1f0c3a-0000-4000-8000-000000000009';
const survivor: MergeParty = { id: survivorId, nhsNumber: '9990000085', replacedById: null };
const replaced: MergeParty = { id: replacedId, nhsNumber: null, replacedById: null };

function codeAndField(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return { code: (error as GraphQLError).extensions['code'], field: (error as GraphQLError).extensions['field'] };
  }
  throw new Error('expected an error');
}

describe('merging two records of one person', () => {
  test('a merge of a patient with itself is refused before anything is read', () => {
    expect(badInputField(() => validateMergeRequest({ survivorId, replacedId: survivorId.toUpperCase(), reason: 'Same person' }))).toBe(
      'input.replacedId',
    );
  });

  test('a merge needs a reason', () => {
    expect(badInputField(() => validateMergeRequest({ survivorId, replacedId, reason: ' ' }))).toBe('input.reason');
  });

  test('ids are taken in the form the database writes them', () => {
    expect(validateMergeRequest({ survivorId: survivorId.toUpperCase(), replacedId, reason: ' Same DOB and address ' })).toEqual({
      survivorId,
      replacedId,
      reason: 'Same DOB and address',
    });
  });

  test('an id that is not a patient id is not found', () => {
    expect(codeAndField(() => validateMergeRequest({ survivorId: 'nobody', replacedId, reason: 'x' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'input.survivorId',
    });
  });

  test.each([
    ['the survivor does not exist', undefined, replaced, { code: 'NOT_FOUND', field: 'input.survivorId' }],
    ['the duplicate does not exist', survivor, undefined, { code: 'NOT_FOUND', field: 'input.replacedId' }],
    [
      'the duplicate was already merged',
      survivor,
      { ...replaced, replacedById: survivorId },
      { code: 'CONFLICT', field: 'input.replacedId' },
    ],
    [
      'the survivor was itself merged away',
      { ...survivor, replacedById: replacedId },
      replaced,
      { code: 'CONFLICT', field: 'input.survivorId' },
    ],
  ])('refused when %s', (_label, s, r, expected) => {
    expect(codeAndField(() => checkMergeParties(s, r))).toEqual(expected);
  });

  test('the NHS number moves only to a survivor without one', () => {
    expect(nhsNumberToMove(survivor, { ...replaced, nhsNumber: '9990000018' })).toBeNull();
    expect(nhsNumberToMove({ ...survivor, nhsNumber: null }, { ...replaced, nhsNumber: '9990000018' })).toBe('9990000018');
  });
});

describe('undoing a merge', () => {
  const merged = { ...replaced, replacedById: survivorId };
  const merge = { survivorId, movedNhsNumber: null };

  test('a standing merge whose survivor is current can be undone', () => {
    expect(() => checkUnmerge(merged, merge, survivor)).not.toThrow();
  });

  test.each([
    ['the patient does not exist', undefined, merge, survivor, { code: 'NOT_FOUND', field: 'input.replacedId' }],
    ['the patient is not merged', replaced, null, undefined, { code: 'CONFLICT', field: 'input.replacedId' }],
    [
      'the survivor has since been merged into a third patient',
      merged,
      merge,
      { ...survivor, replacedById: '5e1f0c3a-0000-4000-8000-000000000003' },
      { code: 'CONFLICT', field: 'input.replacedId' },
    ],
    [
      'the NHS number that moved has changed since',
      merged,
      { survivorId, movedNhsNumber: '9990000018' },
      survivor,
      { code: 'CONFLICT', field: 'input.replacedId' },
    ],
  ])('refused when %s', (_label, r, m, s, expected) => {
    expect(codeAndField(() => checkUnmerge(r, m, s))).toEqual(expected);
  });
});
