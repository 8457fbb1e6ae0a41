import { badUserInput } from '@epr/platform';
import { hasValidVerhoeffCheckDigit } from './verhoeff.js';

/**
 * SNOMED CT identifier (SCTID) rules, from the SNOMED CT technical guide: 6 to 18 decimal digits without a
 * leading zero; the last digit is a Verhoeff check digit; the two digits before it are the partition
 * identifier, which says what the id names. A concept id has partition 00 (short format, international
 * release) or 10 (long format: a 7-digit namespace of an extension sits before the partition).
 */
export type ConceptIdProblem =
  | 'not_digits'
  | 'wrong_length'
  | 'leading_zero'
  | 'check_digit_mismatch'
  | 'description_or_relationship_id'
  | 'unknown_partition'
  | 'namespace_missing';

const conceptPartitions = new Set(['00', '10']);
// 01/11 are description ids and 02/12 relationship ids: real SCTIDs, but not of a concept.
const otherComponentPartitions = new Set(['01', '02', '11', '12']);
const namespaceDigits = 7;

export function checkConceptId(id: string): ConceptIdProblem | null {
  if (!/^\d+$/.test(id)) return 'not_digits';
  if (id.length < 6 || id.length > 18) return 'wrong_length';
  if (id.startsWith('0')) return 'leading_zero';
  if (!hasValidVerhoeffCheckDigit(id)) return 'check_digit_mismatch';
  const partition = id.slice(-3, -1);
  if (otherComponentPartitions.has(partition)) return 'description_or_relationship_id';
  if (!conceptPartitions.has(partition)) return 'unknown_partition';
  // Long format: at least one digit of item id, the namespace, the partition and the check digit.
  if (partition === '10' && id.length < 1 + namespaceDigits + 3) return 'namespace_missing';
  return null;
}

export function describeConceptIdProblem(problem: ConceptIdProblem): string {
  switch (problem) {
    case 'not_digits':
      return 'A SNOMED CT concept id is made of digits only.';
    case 'wrong_length':
      return 'A SNOMED CT concept id has 6 to 18 digits.';
    case 'leading_zero':
      return 'A SNOMED CT concept id never starts with 0.';
    case 'check_digit_mismatch':
      return 'This is not a SNOMED CT id: its check digit does not match (Verhoeff). Check for a mistyped digit.';
    case 'description_or_relationship_id':
      return 'This SNOMED CT id names a description or relationship, not a concept: use the concept id.';
    case 'unknown_partition':
      return 'This is not a SNOMED CT concept id: the two digits before the check digit must be 00 or 10.';
    case 'namespace_missing':
      return 'A long-format SNOMED CT concept id (partition 10) carries a 7-digit namespace, so it has at least 11 digits.';
  }
}

export interface SnomedConcept {
  conceptId: string;
  term: string;
}

/** A concept as given by a caller, checked; `field` is its input path (e.g. `input.code`). */
export function parseSnomedConcept(input: SnomedConcept, field: string): SnomedConcept {
  const conceptId = input.conceptId.trim();
  const problem = checkConceptId(conceptId);
  if (problem) throw badUserInput(describeConceptIdProblem(problem), `${field}.conceptId`);
  const term = input.term.trim();
  if (term === '') throw badUserInput('The SNOMED CT term must not be empty.', `${field}.term`);
  if (term.length > 255) throw badUserInput('The SNOMED CT term is longer than 255 characters.', `${field}.term`);
  return { conceptId, term };
}
