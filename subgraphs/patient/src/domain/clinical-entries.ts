import { badUserInput } from '@epr/platform';
import type { AllergyCategory, AllergySeverity, MedicationStatus, ProblemStatus } from '../__generated__/prisma/client.js';
import type { NewAllergy, NewClinicalDocument, NewMedication, NewProblem } from '../data/clinical-record-store.js';
import { parseInstantNotInFuture, parsePastDate } from './calendar-date.js';
import { parseSnomedConcept, type SnomedConcept } from './snomed-ct.js';
import { optionalText, requireText } from './text.js';

/**
 * Checks of what departmental systems send for the clinical record. Each returns the entry as stored or throws
 * BAD_USER_INPUT naming the field, before anything is read or written.
 */

/** A status as the API takes it: the statuses an item can be recorded with, and the one only a change sets. */
export type StatusInput<S extends string> = S | 'ENTERED_IN_ERROR';

/** Entered in error is where a change puts an item (`markEnteredInError`), never what one is recorded with. */
function recordable<S extends string>(status: StatusInput<S> | null | undefined, field: string): S | null {
  if (status === 'ENTERED_IN_ERROR')
    throw badUserInput('An item is marked entered in error with markEnteredInError, never recorded so.', field);
  return status ?? null;
}

export interface ProblemRequest {
  code: SnomedConcept;
  onsetDate?: string | null;
  status?: StatusInput<ProblemStatus> | null;
}

export function parseProblem(input: ProblemRequest, today: Date = new Date()): NewProblem {
  return {
    ...parseSnomedConcept(input.code, 'input.code'),
    onsetDate: input.onsetDate ? onsetDate(input.onsetDate, today) : null,
    status: recordable(input.status, 'input.status') ?? 'ACTIVE',
    resolvedOn: null,
  };
}

const onsetDate = (value: string, today: Date) => parsePastDate(value, today, 'input.onsetDate', 'Onset date');

export interface AllergyRequest {
  category?: AllergyCategory | null;
  substance: SnomedConcept;
  reaction?: SnomedConcept | null;
  severity: AllergySeverity;
}

export function parseAllergy(input: AllergyRequest): NewAllergy {
  const substance = parseSnomedConcept(input.substance, 'input.substance');
  const reaction = input.reaction ? parseSnomedConcept(input.reaction, 'input.reaction') : null;
  return {
    category: input.category ?? 'ALLERGY',
    substanceConceptId: substance.conceptId,
    substanceTerm: substance.term,
    reactionConceptId: reaction?.conceptId ?? null,
    reactionTerm: reaction?.term ?? null,
    severity: input.severity,
  };
}

export interface MedicationRequest {
  medicine: SnomedConcept;
  dosage: string;
  status?: StatusInput<MedicationStatus> | null;
  startDate?: string | null;
  endDate?: string | null;
}

export function parseMedication(input: MedicationRequest, today: Date = new Date()): NewMedication {
  const medicine = parseSnomedConcept(input.medicine, 'input.medicine');
  const startDate = input.startDate ? medicationStart(input.startDate, today) : null;
  const endDate = input.endDate ? parsePastDate(input.endDate, today, 'input.endDate', 'End date') : null;
  if (startDate && endDate && endDate < startDate) throw badUserInput('End date cannot be before the start date.', 'input.endDate');
  const status = recordable(input.status, 'input.status') ?? (endDate ? 'STOPPED' : 'ACTIVE');
  if (status === 'ACTIVE' && endDate)
    throw badUserInput('A medication with an end date has stopped: set status STOPPED or leave it out.', 'input.status');
  return { ...medicine, dosage: dosage(input.dosage), status, startDate, endDate };
}

const medicationStart = (value: string, today: Date) => parsePastDate(value, today, 'input.startDate', 'Start date');
const dosage = (value: string) => requireText(value, 'input.dosage', 'Dosage', 500);

export interface DocumentRequest {
  type: SnomedConcept;
  title: string;
  authoredAt: string;
  sourceSystem?: string | null;
  sections: readonly { title: string; text: string }[];
}

const maxSections = 50;

export function parseClinicalDocument(input: DocumentRequest, now: Date = new Date()): NewClinicalDocument {
  return {
    ...documentType(input.type),
    title: documentTitle(input.title),
    authoredAt: authoredAt(input.authoredAt, now),
    sourceSystem: sourceSystem(input.sourceSystem),
    sections: documentSections(input.sections),
  };
}

function documentType(input: SnomedConcept): Pick<NewClinicalDocument, 'typeConceptId' | 'typeTerm'> {
  const type = parseSnomedConcept(input, 'input.type');
  return { typeConceptId: type.conceptId, typeTerm: type.term };
}

const documentTitle = (value: string) => requireText(value, 'input.title', 'The title', 200);
const authoredAt = (value: string, now: Date) => parseInstantNotInFuture(value, now, 'input.authoredAt', 'authoredAt');
const sourceSystem = (value: string | null | undefined) => optionalText(value, 'input.sourceSystem', 'The source system', 100);

function documentSections(sections: DocumentRequest['sections']): NewClinicalDocument['sections'] {
  if (sections.length === 0 || sections.length > maxSections) {
    throw badUserInput(`A document has 1 to ${maxSections} sections.`, 'input.sections');
  }
  return sections.map((section, i) => ({
    title: requireText(section.title, `input.sections[${i}].title`, 'A section title', 200),
    text: requireText(section.text, `input.sections[${i}].text`, 'A section text', 100_000),
  }));
}

/*
 * Amendments: the fields given replace the item's (a nullable one given as null is cleared), checked as when the
 * item was recorded; what depends on the item as it stands is checked in clinical-lifecycle.ts under its row lock.
 */

/** A field the client sent: absent is undefined, so it stays; null clears a nullable field. */
type Given<T> = T | null | undefined;

function kept<T, R>(value: Given<T>, field: string, parse: (value: T) => R): R | undefined {
  if (value === undefined) return undefined;
  if (value === null) throw badUserInput('This field cannot be cleared; leave it out to keep it.', field);
  return parse(value);
}

function clearable<T, R>(value: Given<T>, parse: (value: T) => R): R | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  return parse(value);
}

/** The changes given, without the fields left out; BAD_USER_INPUT naming `input` when nothing would change. */
function changes<T extends Record<string, unknown>>(given: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  const present = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  if (Object.keys(present).length === 0) throw badUserInput('Give at least one field to correct; the others stay as they are.', 'input');
  return present as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}

export interface ProblemAmendment {
  code?: Given<SnomedConcept>;
  onsetDate?: Given<string>;
  status?: Given<StatusInput<ProblemStatus>>;
}

export function parseProblemAmendment(input: ProblemAmendment, today: Date = new Date()): Partial<NewProblem> {
  const status = kept(input.status, 'input.status', (value) => {
    if (value === 'ACTIVE' || value === 'INACTIVE') return value;
    throw badUserInput(
      value === 'RESOLVED'
        ? 'A problem is resolved with resolveProblem, which records when.'
        : 'Use markEnteredInError for an entry made in error.',
      'input.status',
    );
  });
  const code = kept(input.code, 'input.code', (value) => parseSnomedConcept(value, 'input.code'));
  return changes({ ...code, onsetDate: clearable(input.onsetDate, (value) => onsetDate(value, today)), status });
}

export interface AllergyAmendment {
  category?: Given<AllergyCategory>;
  substance?: Given<SnomedConcept>;
  reaction?: Given<SnomedConcept>;
  severity?: Given<AllergySeverity>;
}

export function parseAllergyAmendment(input: AllergyAmendment): Partial<NewAllergy> {
  const substance = kept(input.substance, 'input.substance', (value) => parseSnomedConcept(value, 'input.substance'));
  const reaction = clearable(input.reaction, (value) => parseSnomedConcept(value, 'input.reaction'));
  return changes({
    category: kept(input.category, 'input.category', (value) => value),
    substanceConceptId: substance?.conceptId,
    substanceTerm: substance?.term,
    reactionConceptId: reaction === undefined ? undefined : (reaction?.conceptId ?? null),
    reactionTerm: reaction === undefined ? undefined : (reaction?.term ?? null),
    severity: kept(input.severity, 'input.severity', (value) => value),
  });
}

export interface MedicationAmendment {
  medicine?: Given<SnomedConcept>;
  dosage?: Given<string>;
  startDate?: Given<string>;
}

export function parseMedicationAmendment(input: MedicationAmendment, today: Date = new Date()): Partial<NewMedication> {
  const medicine = kept(input.medicine, 'input.medicine', (value) => parseSnomedConcept(value, 'input.medicine'));
  return changes({
    ...medicine,
    dosage: kept(input.dosage, 'input.dosage', dosage),
    startDate: clearable(input.startDate, (value) => medicationStart(value, today)),
  });
}

export interface DocumentAmendment {
  type?: Given<SnomedConcept>;
  title?: Given<string>;
  authoredAt?: Given<string>;
  sourceSystem?: Given<string>;
  sections?: Given<DocumentRequest['sections']>;
}

export function parseDocumentAmendment(input: DocumentAmendment, now: Date = new Date()): Partial<NewClinicalDocument> {
  return changes({
    ...kept(input.type, 'input.type', documentType),
    title: kept(input.title, 'input.title', documentTitle),
    authoredAt: kept(input.authoredAt, 'input.authoredAt', (value) => authoredAt(value, now)),
    sourceSystem: clearable(input.sourceSystem, sourceSystem),
    sections: kept(input.sections, 'input.sections', documentSections),
  });
}
