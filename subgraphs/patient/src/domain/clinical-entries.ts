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

export interface ProblemRequest {
  code: SnomedConcept;
  onsetDate?: string | null;
  status?: ProblemStatus | null;
}

export function parseProblem(input: ProblemRequest, today: Date = new Date()): NewProblem {
  const code = parseSnomedConcept(input.code, 'input.code');
  return {
    ...code,
    onsetDate: input.onsetDate ? parsePastDate(input.onsetDate, today, 'input.onsetDate', 'Onset date') : null,
    status: input.status ?? 'ACTIVE',
  };
}

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
  status?: MedicationStatus | null;
  startDate?: string | null;
  endDate?: string | null;
}

export function parseMedication(input: MedicationRequest, today: Date = new Date()): NewMedication {
  const medicine = parseSnomedConcept(input.medicine, 'input.medicine');
  const startDate = input.startDate ? parsePastDate(input.startDate, today, 'input.startDate', 'Start date') : null;
  const endDate = input.endDate ? parsePastDate(input.endDate, today, 'input.endDate', 'End date') : null;
  if (startDate && endDate && endDate < startDate) throw badUserInput('End date cannot be before the start date.', 'input.endDate');
  const status = input.status ?? (endDate ? 'STOPPED' : 'ACTIVE');
  if (status === 'ACTIVE' && endDate)
    throw badUserInput('A medication with an end date has stopped: set status STOPPED or leave it out.', 'input.status');
  return { ...medicine, dosage: requireText(input.dosage, 'input.dosage', 'Dosage', 500), status, startDate, endDate };
}

export interface DocumentRequest {
  type: SnomedConcept;
  title: string;
  authoredAt: string;
  sourceSystem?: string | null;
  sections: readonly { title: string; text: string }[];
}

const maxSections = 50;

export function parseClinicalDocument(input: DocumentRequest, now: Date = new Date()): NewClinicalDocument {
  const type = parseSnomedConcept(input.type, 'input.type');
  if (input.sections.length === 0 || input.sections.length > maxSections) {
    throw badUserInput(`A document has 1 to ${maxSections} sections.`, 'input.sections');
  }
  return {
    typeConceptId: type.conceptId,
    typeTerm: type.term,
    title: requireText(input.title, 'input.title', 'The title', 200),
    authoredAt: parseInstantNotInFuture(input.authoredAt, now, 'input.authoredAt', 'authoredAt'),
    sourceSystem: optionalText(input.sourceSystem, 'input.sourceSystem', 'The source system', 100),
    sections: input.sections.map((section, i) => ({
      title: requireText(section.title, `input.sections[${i}].title`, 'A section title', 200),
      text: requireText(section.text, `input.sections[${i}].text`, 'A section text', 100_000),
    })),
  };
}
