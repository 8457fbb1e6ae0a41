import { GraphQLError } from 'graphql';
import { checkConceptId, parseSnomedConcept } from './snomed-ct.js';
import { hasValidVerhoeffCheckDigit } from './verhoeff.js';

describe('Verhoeff check digit', () => {
  test.each(['2363', '38341003'])('%s checks', (digits) => {
    expect(hasValidVerhoeffCheckDigit(digits)).toBe(true);
  });

  test('every single changed digit is caught', () => {
    const id = '38341003';
    for (let position = 0; position < id.length; position += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        const changed = id.slice(0, position) + String(digit) + id.slice(position + 1);
        if (changed !== id) expect(hasValidVerhoeffCheckDigit(changed)).toBe(false);
      }
    }
  });

  test('every swap of two adjacent different digits is caught', () => {
    const id = '195967001';
    for (let position = 0; position + 1 < id.length; position += 1) {
      if (id[position] === id[position + 1]) continue;
      const swapped = id.slice(0, position) + id[position + 1] + id[position] + id.slice(position + 2);
      expect(hasValidVerhoeffCheckDigit(swapped)).toBe(false);
    }
  });
});

describe('SNOMED CT concept id', () => {
  test.each([
    ['38341003', 'Hypertensive disorder'],
    ['44054006', 'Diabetes mellitus type 2'],
    ['195967001', 'Asthma'],
    ['373942005', 'Discharge summary'],
    ['764146007', 'Penicillin'],
    ['126485001', 'Urticaria'],
    ['404684003', 'Clinical finding (the shortest top-level hierarchy ids have 6+ digits)'],
    ['999000011000000103', 'a UK extension concept: long format, namespace 1000000'],
  ])('%s (%s) is a concept id', (id) => {
    expect(checkConceptId(id)).toBeNull();
  });

  test.each([
    ['3834100X', 'not_digits'],
    ['38341 003', 'not_digits'],
    ['12342', 'wrong_length'],
    ['1234567890123456789', 'wrong_length'],
    ['038341003', 'leading_zero'],
    ['38341004', 'check_digit_mismatch'],
    ['38314003', 'check_digit_mismatch'],
    // Well-formed ids (check digit right) whose partition is not a concept's.
    ['12345013', 'description_or_relationship_id'],
    ['12345021', 'description_or_relationship_id'],
    ['12345111', 'description_or_relationship_id'],
    ['12345032', 'unknown_partition'],
    ['12345992', 'unknown_partition'],
    ['1000101', 'namespace_missing'],
  ])('%s is refused: %s', (id, problem) => {
    expect(checkConceptId(id)).toBe(problem);
  });

  test('a concept as given is trimmed, and a bad one names the field to fix', () => {
    expect(parseSnomedConcept({ conceptId: ' 38341003 ', term: ' Hypertension ' }, 'input.code')).toEqual({
      conceptId: '38341003',
      term: 'Hypertension',
    });
    const attempt = () => parseSnomedConcept({ conceptId: '38341004', term: 'Hypertension' }, 'input.code');
    expect(attempt).toThrow(GraphQLError);
    expect(attempt).toThrow(/check digit/);
    try {
      attempt();
    } catch (error) {
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code.conceptId' });
    }
  });

  test('an empty term is refused', () => {
    expect(() => parseSnomedConcept({ conceptId: '38341003', term: '  ' }, 'input.code')).toThrow(/term/);
  });
});
