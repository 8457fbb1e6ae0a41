import { GraphQLError } from 'graphql';
import type { MedicationRecord, ProblemRecord } from '../data/clinical-record-store.js';
import { parseAllergyAmendment, parseDocumentAmendment, parseMedicationAmendment, parseProblemAmendment } from './clinical-entries.js';
import {
  changeReason,
  checkChangeable,
  parseExpectedVersion,
  resolveProblem,
  reviseMedication,
  reviseProblem,
  stopMedication,
} from './clinical-lifecycle.js';
import { badInputField } from '../test-support/bad-input.js';

const today = new Date('2026-11-24T12:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function problem(fields: Partial<ProblemRecord> = {}): ProblemRecord {
  return {
    id: 'p',
    patientId: 'x',
    conceptId: '38341003',
    term: 'Hypertensive disorder',
    onsetDate: day('2026-01-10'),
    status: 'ACTIVE',
    resolvedOn: null,
    version: 1,
    enteredInError: false,
    change: null,
    supersededAt: null,
    ...fields,
  } as ProblemRecord;
}

function medication(fields: Partial<MedicationRecord> = {}): MedicationRecord {
  return {
    startDate: day('2026-03-01'),
    endDate: null,
    status: 'ACTIVE',
    version: 1,
    enteredInError: false,
    ...fields,
  } as MedicationRecord;
}

function codeOf(fn: () => unknown): { code: unknown; field: unknown } {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions.code, field: error.extensions.field };
    throw error;
  }
  throw new Error('expected an error');
}

describe('amendments', () => {
  test('only the fields given change; null clears a nullable one, never a required one', () => {
    expect(parseProblemAmendment({ onsetDate: null }, today)).toEqual({ onsetDate: null });
    expect(parseProblemAmendment({ code: { conceptId: '38341003', term: ' Hypertension ' } }, today)).toEqual({
      conceptId: '38341003',
      term: 'Hypertension',
    });
    expect(badInputField(() => parseProblemAmendment({ code: null }, today))).toBe('input.code');
    expect(parseAllergyAmendment({ reaction: null })).toEqual({ reactionConceptId: null, reactionTerm: null });
    expect(badInputField(() => parseMedicationAmendment({ dosage: null }, today))).toBe('input.dosage');
    expect(parseDocumentAmendment({ sourceSystem: null }, today)).toEqual({ sourceSystem: null });
  });

  test('an amendment that changes nothing is refused, naming the input', () => {
    expect(badInputField(() => parseProblemAmendment({}, today))).toBe('input');
    expect(badInputField(() => parseAllergyAmendment({}))).toBe('input');
  });

  test('a problem is resolved and marked in error by their own mutations, not by an amendment', () => {
    expect(badInputField(() => parseProblemAmendment({ status: 'RESOLVED' }, today))).toBe('input.status');
    expect(badInputField(() => parseProblemAmendment({ status: 'ENTERED_IN_ERROR' }, today))).toBe('input.status');
    expect(parseProblemAmendment({ status: 'INACTIVE' }, today)).toEqual({ status: 'INACTIVE' });
  });

  test('dates are checked as when recorded: not in the future', () => {
    expect(badInputField(() => parseProblemAmendment({ onsetDate: '2026-11-25' }, today))).toBe('input.onsetDate');
    expect(badInputField(() => parseMedicationAmendment({ startDate: '2027-01-01' }, today))).toBe('input.startDate');
  });

  test('a resolved problem made current again loses its resolution; onset stays before it', () => {
    const resolved = problem({ status: 'RESOLVED', resolvedOn: day('2026-06-01') });
    expect(reviseProblem(resolved, { status: 'ACTIVE' })).toEqual({ status: 'ACTIVE', resolvedOn: null });
    expect(badInputField(() => reviseProblem(resolved, { onsetDate: day('2026-07-01') }))).toBe('input.onsetDate');
    expect(reviseProblem(resolved, { onsetDate: day('2026-05-01') })).toEqual({ onsetDate: day('2026-05-01') });
  });

  test('a medication cannot have started after it stopped', () => {
    const stopped = medication({ status: 'STOPPED', endDate: day('2026-04-01') });
    expect(badInputField(() => reviseMedication(stopped, { startDate: day('2026-05-01') }))).toBe('input.startDate');
  });
});

describe('every change', () => {
  test('needs a reason where one is asked for, and an expected version from 1', () => {
    expect(badInputField(() => changeReason('  ', true))).toBe('input.reason');
    expect(changeReason(undefined, false)).toBeNull();
    expect(badInputField(() => parseExpectedVersion(0))).toBe('input.expectedVersion');
    expect(badInputField(() => parseExpectedVersion(1.5))).toBe('input.expectedVersion');
    expect(parseExpectedVersion(undefined)).toBeNull();
  });

  test('applies to the version the client read, and never to an item entered in error', () => {
    expect(() => checkChangeable(problem({ version: 3 }), 3)).not.toThrow();
    expect(() => checkChangeable(problem({ version: 3 }), null)).not.toThrow();
    expect(codeOf(() => checkChangeable(problem({ version: 3 }), 2))).toEqual({ code: 'CONFLICT', field: 'input.expectedVersion' });
    expect(codeOf(() => checkChangeable(problem({ enteredInError: true }), null))).toEqual({ code: 'CONFLICT', field: 'input.id' });
  });
});

describe('resolving and stopping', () => {
  test('a problem resolves once, not before its onset', () => {
    expect(resolveProblem(problem(), day('2026-02-01'))).toEqual({ status: 'RESOLVED', resolvedOn: day('2026-02-01') });
    expect(badInputField(() => resolveProblem(problem(), day('2026-01-09')))).toBe('input.resolvedOn');
    expect(codeOf(() => resolveProblem(problem({ status: 'RESOLVED', resolvedOn: day('2026-02-01') }), day('2026-03-01')))).toEqual({
      code: 'CONFLICT',
      field: 'input.id',
    });
  });

  test('a medication stops once, not before it started', () => {
    expect(stopMedication(medication(), day('2026-03-01'))).toEqual({ status: 'STOPPED', endDate: day('2026-03-01') });
    expect(badInputField(() => stopMedication(medication(), day('2026-02-28')))).toBe('input.stoppedOn');
    expect(codeOf(() => stopMedication(medication({ status: 'STOPPED' }), day('2026-04-01')))).toEqual({
      code: 'CONFLICT',
      field: 'input.id',
    });
  });
});
