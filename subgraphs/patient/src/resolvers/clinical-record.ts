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
// Whoever was shown the item may see its patient; the guarded path still decides (and records) it.
const patient = async (item: ClinicalItemRecord, _args: unknown, { patients }: Context) => (await patients.byId(item.patientId))!;

export const Problem: ProblemResolvers = {
  patient,
  code: (problem) => ({ conceptId: problem.conceptId, term: problem.term }),
  onsetDate: (problem) => optionalDate(problem.onsetDate),
  recordedAt,
};

export const Allergy: AllergyResolvers = {
  patient,
  substance: (allergy) => ({ conceptId: allergy.substanceConceptId, term: allergy.substanceTerm }),
  reaction: (allergy) =>
    allergy.reactionConceptId && allergy.reactionTerm ? { conceptId: allergy.reactionConceptId, term: allergy.reactionTerm } : null,
  recordedAt,
};

export const Medication: MedicationResolvers = {
  patient,
  medicine: (medication) => ({ conceptId: medication.conceptId, term: medication.term }),
  startDate: (medication) => optionalDate(medication.startDate),
  endDate: (medication) => optionalDate(medication.endDate),
  recordedAt,
};

export const ClinicalDocument: ClinicalDocumentResolvers = {
  patient,
  type: (document) => ({ conceptId: document.typeConceptId, term: document.typeTerm }),
  authoredAt: (document) => document.authoredAt.toISOString(),
  recordedAt,
};
