import type {
  AllergyResolvers,
  ClinicalDocumentResolvers,
  MedicationResolvers,
  ProblemResolvers,
} from '../__generated__/resolvers-types.js';
import type { ClinicalItemRecord } from '../data/clinical-record-store.js';
import type { Context } from '../context.js';
import { optionalDate } from './dates.js';

// sealLevel, author, authoringOrganisation and authoringTeam come with each item record as the schema names them.
const recordedAt = (item: ClinicalItemRecord) => item.recordedAt.toISOString();
// Whoever was shown the item may see its patient; the service still decides (and records) it.
const patient = async (item: ClinicalItemRecord, _args: unknown, { patients }: Context) => (await patients.byId(item.patientId))!;

export const Problem: ProblemResolvers = {
  patient,
  code: (problem) => ({ patientId: problem.patientId, conceptId: problem.conceptId, term: problem.term }),
  onsetDate: (problem) => optionalDate(problem.onsetDate),
  recordedAt,
};

export const Allergy: AllergyResolvers = {
  patient,
  substance: (allergy) => ({ patientId: allergy.patientId, conceptId: allergy.substanceConceptId, term: allergy.substanceTerm }),
  reaction: (allergy) =>
    allergy.reactionConceptId && allergy.reactionTerm
      ? { patientId: allergy.patientId, conceptId: allergy.reactionConceptId, term: allergy.reactionTerm }
      : null,
  recordedAt,
};

export const Medication: MedicationResolvers = {
  patient,
  medicine: (medication) => ({ patientId: medication.patientId, conceptId: medication.conceptId, term: medication.term }),
  startDate: (medication) => optionalDate(medication.startDate),
  endDate: (medication) => optionalDate(medication.endDate),
  recordedAt,
};

export const ClinicalDocument: ClinicalDocumentResolvers = {
  patient,
  type: (document) => ({ patientId: document.patientId, conceptId: document.typeConceptId, term: document.typeTerm }),
  authoredAt: (document) => document.authoredAt.toISOString(),
  sections: (document) => document.sections.map((section) => ({ patientId: document.patientId, title: section.title, text: section.text })),
  recordedAt,
};
