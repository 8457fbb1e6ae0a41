import type { Activity } from '@epr/policy';
import { FhirError, forbidden, fromGraphQLCode, notFound } from '../fhir-error.js';
import { errorsAt, throwIfFailed, type Pipeline } from '../graphql-pipeline.js';
import { findPatientByIdentifier } from '../patient-search.js';
import type { PatientRef, PlannedEntry, WritableType } from './bundle-plan.js';

/** The existing mutation each resource type is written with, and what it needs the caller's role to hold. */
const writes: Record<WritableType, { mutation: string; inputType: string; activity: Activity }> = {
  Patient: { mutation: 'registerPatient', inputType: 'RegisterPatientInput!', activity: 'demographics.write' },
  Condition: { mutation: 'recordProblem', inputType: 'RecordProblemInput!', activity: 'clinical.write' },
  AllergyIntolerance: { mutation: 'recordAllergy', inputType: 'RecordAllergyInput!', activity: 'clinical.write' },
  MedicationStatement: { mutation: 'recordMedication', inputType: 'RecordMedicationInput!', activity: 'clinical.write' },
};

/** Where each clinical type's items are on a Patient, and the field holding their SNOMED CT concept. */
const lists = {
  Condition: { field: 'problems', concept: 'code' },
  AllergyIntolerance: { field: 'allergies', concept: 'substance' },
  MedicationStatement: { field: 'medications', concept: 'medicine' },
} as const;
type ClinicalType = keyof typeof lists;

export interface EntryResult {
  status: 200 | 201;
  location: string;
}

/**
 * One Bundle being applied for the signed-in caller, every read and write through the pipeline: conditional
 * matches (`ifNoneExist`), access to the patients named, and the creates themselves.
 */
export class BundleRun {
  private readonly patientsByFullUrl = new Map<string, string>();
  private readonly records = new Map<string, Promise<Record<string, { id: string; concept: string }[]>>>();

  constructor(
    private readonly pipeline: Pipeline,
    /** Whether the caller's role holds an activity, by the shared policy engine (the subgraphs decide again). */
    private readonly roleHolds: (activity: Activity) => boolean,
  ) {}

  /** The id of an entry's patient; a Patient entry of this Bundle must have been applied first. */
  patientIdOf(ref: PatientRef, index: number): string {
    if ('id' in ref) return ref.id;
    const id = this.patientsByFullUrl.get(ref.fullUrl);
    if (!id)
      throw new FhirError(400, 'invalid', `${ref.fullUrl} is not the fullUrl of a Patient entry of this Bundle.`, `Bundle.entry[${index}]`);
    return id;
  }

  /** The existing resource an entry's ifNoneExist names (200), or null when it is to be created. */
  async existing(entry: PlannedEntry): Promise<string | null> {
    if (!entry.ifNoneExist) return null;
    if (entry.type === 'Patient') {
      const found = await findPatientByIdentifier(this.pipeline, entry.ifNoneExist, `Bundle.entry[${entry.index}].request.ifNoneExist`);
      if (found) this.bind(entry, found.id);
      return found ? `Patient/${found.id}` : null;
    }
    if ('fullUrl' in entry.patient && !this.patientsByFullUrl.has(entry.patient.fullUrl)) return null;
    const items = await this.itemsOf(this.patientIdOf(entry.patient, entry.index), entry.type, entry.index);
    const matches = items.filter((item) => item.concept === entry.ifNoneExist!.conceptId);
    if (matches.length > 1) {
      throw new FhirError(
        412,
        'duplicate',
        `ifNoneExist matches ${matches.length} ${entry.type} resources; make it name one.`,
        `Bundle.entry[${entry.index}]`,
      );
    }
    return matches[0] ? `${entry.type}/${matches[0].id}` : null;
  }

  /**
   * Checks, reading only, that the entry could be written: the role holds the activity, and a clinical entry's
   * existing patient is visible (404) with their record open to the caller (403, e.g. no legitimate relationship).
   */
  async check(entry: PlannedEntry): Promise<void> {
    const activity = writes[entry.type].activity;
    if (!this.roleHolds(activity)) {
      throw forbidden(
        `Your role does not allow ${entry.type === 'Patient' ? 'registering patients' : 'recording clinical information'} (entry ${entry.index}).`,
      );
    }
    if (entry.type === 'Patient') return;
    const existingId = 'id' in entry.patient ? entry.patient.id : this.patientsByFullUrl.get(entry.patient.fullUrl);
    if (existingId) await this.itemsOf(existingId, entry.type, entry.index);
  }

  /** Writes the entry with its mutation; a refusal keeps the mutation's code and message. */
  async create(entry: PlannedEntry): Promise<string> {
    const { mutation, inputType } = writes[entry.type];
    const input = entry.type === 'Patient' ? entry.input : { ...entry.input, patientId: this.patientIdOf(entry.patient, entry.index) };
    const result = await this.pipeline<Record<string, { id: string } | null>>(
      `mutation ($input: ${inputType}) { ${mutation}(input: $input) { id } }`,
      { input },
    );
    const failure = result.errors[0];
    if (failure)
      throw fromGraphQLCode(
        failure.extensions?.['code'],
        `Entry ${entry.index}: ${failure.message}`,
        fieldPath(entry, failure.extensions?.['field']),
      );
    const id = result.data![mutation]!.id;
    if (entry.type === 'Patient') this.bind(entry, id);
    return `${entry.type}/${id}`;
  }

  /** Applies one entry: the existing match (200) or a new resource (201). */
  async apply(entry: PlannedEntry): Promise<EntryResult> {
    const match = await this.existing(entry);
    if (match) return { status: 200, location: match };
    await this.check(entry);
    return { status: 201, location: await this.create(entry) };
  }

  private bind(entry: PlannedEntry, id: string): void {
    if (entry.fullUrl) this.patientsByFullUrl.set(entry.fullUrl, id);
  }

  private async itemsOf(patientId: string, type: ClinicalType, index: number): Promise<{ id: string; concept: string }[]> {
    let record = this.records.get(patientId);
    if (!record) {
      record = this.readRecord(patientId, index);
      this.records.set(patientId, record);
    }
    return (await record)[type] ?? this.refused(patientId, type, index);
  }

  private readonly refusals = new Map<string, FhirError>();

  private refused(patientId: string, type: ClinicalType, index: number): never {
    throw this.refusals.get(`${patientId}|${type}`) ?? forbidden(`The record of Patient ${patientId} is not open to you (entry ${index}).`);
  }

  private async readRecord(patientId: string, index: number): Promise<Record<string, { id: string; concept: string }[]>> {
    const selection = Object.values(lists)
      .map((list) => `${list.field} { id ${list.concept} { conceptId } }`)
      .join(' ');
    const result = await this.pipeline<{ patient: Record<string, { id: string; [concept: string]: unknown }[] | null> | null }>(
      `query ($id: ID!) { patient(id: $id) { ${selection} } }`,
      { id: patientId },
    );
    throwIfFailed(result, 'patient');
    if (!result.data?.patient) throw notFound(`No Patient ${patientId} is visible to you (entry ${index}).`);
    const record: Record<string, { id: string; concept: string }[]> = {};
    for (const [type, list] of Object.entries(lists)) {
      const refusal = errorsAt(result, `patient.${list.field}`)[0];
      if (refusal) {
        this.refusals.set(`${patientId}|${type}`, fromGraphQLCode(refusal.extensions?.['code'], `${refusal.message} (entry ${index})`));
        continue;
      }
      record[type] = (result.data.patient[list.field] ?? []).map((item) => ({
        id: item.id,
        concept: (item[list.concept] as { conceptId: string }).conceptId,
      }));
    }
    return record;
  }
}

/** The mutation's `field` (`input.code.conceptId`) as the element of the entry to correct. */
function fieldPath(entry: PlannedEntry, field: unknown): string {
  return `Bundle.entry[${entry.index}].resource${typeof field === 'string' ? ` (${field})` : ''}`;
}
