import type {
  AllergyResolvers,
  ClinicalDocumentResolvers,
  ClinicalItemChangeResolvers,
  ClinicalItemResolvers,
  MedicationResolvers,
  ProblemResolvers,
} from '../__generated__/resolvers-types.js';
import type { ClinicalItemRecord } from '../data/clinical-record-store.js';
import type { Context } from '../context.js';
import { optionalDate } from './dates.js';

// sealLevel, author, authoringOrganisation, authoringTeam, version, change and enteredInError come with each item
// record as the schema names them.
const recordedAt = (item: ClinicalItemRecord) => item.recordedAt.toISOString();
const supersededAt = (item: ClinicalItemRecord) => item.supersededAt?.toISOString() ?? null;
// Whoever was shown the item may see its patient; the service still decides (and records) it.
const patient = async (item: ClinicalItemRecord, _args: unknown, { patients }: Context) => (await patients.byId(item.patientId))!;
const lifecycle = { recordedAt, supersededAt, patient };

export const Problem: ProblemResolvers = {
  ...lifecycle,
  code: (problem) => ({ patientId: problem.patientId, conceptId: problem.conceptId, term: problem.term }),
  onsetDate: (problem) => optionalDate(problem.onsetDate),
  status: (problem) => (problem.enteredInError ? 'ENTERED_IN_ERROR' : problem.status),
  resolvedOn: (problem) => optionalDate(problem.resolvedOn),
  previousVersions: (problem, _args, { clinicalRecord }) => clinicalRecord.previousVersions('PROBLEM', problem),
};

export const Allergy: AllergyResolvers = {
  ...lifecycle,
  substance: (allergy) => ({ patientId: allergy.patientId, conceptId: allergy.substanceConceptId, term: allergy.substanceTerm }),
  reaction: (allergy) =>
    allergy.reactionConceptId && allergy.reactionTerm
      ? { patientId: allergy.patientId, conceptId: allergy.reactionConceptId, term: allergy.reactionTerm }
      : null,
  status: (allergy) => (allergy.enteredInError ? 'ENTERED_IN_ERROR' : 'ACTIVE'),
  previousVersions: (allergy, _args, { clinicalRecord }) => clinicalRecord.previousVersions('ALLERGY', allergy),
};

export const Medication: MedicationResolvers = {
  ...lifecycle,
  medicine: (medication) => ({ patientId: medication.patientId, conceptId: medication.conceptId, term: medication.term }),
  status: (medication) => (medication.enteredInError ? 'ENTERED_IN_ERROR' : medication.status),
  startDate: (medication) => optionalDate(medication.startDate),
  endDate: (medication) => optionalDate(medication.endDate),
  previousVersions: (medication, _args, { clinicalRecord }) => clinicalRecord.previousVersions('MEDICATION', medication),
};

export const ClinicalDocument: ClinicalDocumentResolvers = {
  ...lifecycle,
  type: (document) => ({ patientId: document.patientId, conceptId: document.typeConceptId, term: document.typeTerm }),
  authoredAt: (document) => document.authoredAt.toISOString(),
  sections: (document) => document.sections.map((section) => ({ patientId: document.patientId, title: section.title, text: section.text })),
  status: (document) => (document.enteredInError ? 'ENTERED_IN_ERROR' : 'CURRENT'),
  previousVersions: (document, _args, { clinicalRecord }) => clinicalRecord.previousVersions('DOCUMENT', document),
};

const typeNames = { PROBLEM: 'Problem', ALLERGY: 'Allergy', MEDICATION: 'Medication', DOCUMENT: 'ClinicalDocument' } as const;

export const ClinicalItem: ClinicalItemResolvers = {
  __resolveType: (item) => typeNames[item.kind],
};

export const ClinicalItemChange: ClinicalItemChangeResolvers = {
  changedAt: (change) => change.changedAt.toISOString(),
};
