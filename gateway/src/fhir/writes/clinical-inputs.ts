import type { AllergyIntolerance, CodeableConcept, Condition, Meta, MedicationStatement } from '@medplum/fhirtypes';
import { systems } from '../resources/terminology.js';
import { invalidElement } from './write-error.js';

type SealLevel = 'NONE' | 'SEALED' | 'SEALED_AND_LOCKED';
interface Concept {
  conceptId: string;
  term: string;
}

/** The inputs of recordProblem, recordAllergy and recordMedication, without the patient (resolved later). */
export interface ProblemInput {
  code: Concept;
  onsetDate?: string;
  status: 'ACTIVE' | 'INACTIVE' | 'RESOLVED';
  sealLevel: SealLevel;
}
export interface AllergyInput {
  category: 'ALLERGY' | 'INTOLERANCE';
  substance: Concept;
  reaction?: Concept;
  severity: 'MILD' | 'MODERATE' | 'SEVERE';
  sealLevel: SealLevel;
}
export interface MedicationInput {
  medicine: Concept;
  dosage: string;
  status: 'ACTIVE' | 'STOPPED';
  startDate?: string;
  endDate?: string;
  sealLevel: SealLevel;
}

// dm+d concepts are SNOMED CT concepts; senders use either system for medicines.
const conceptSystems = new Set<string>([systems.snomed, 'https://dmd.nhs.uk']);

/** The SNOMED CT concept of a CodeableConcept; the record checks the id itself (Verhoeff, partition). */
export function conceptOf(concept: CodeableConcept | undefined, at: string): Concept {
  const coding = concept?.coding?.find((c) => c.system !== undefined && conceptSystems.has(c.system) && c.code);
  const term = coding?.display ?? concept?.text;
  if (!coding?.code || !term) throw invalidElement(at, `Give a SNOMED CT coding (${systems.snomed}) with its code and display.`);
  return { conceptId: coding.code, term };
}

/** A confidentiality label asks for a seal: R (restricted) seals, V (very restricted) seals and locks. */
function sealLevelOf(meta: Meta | undefined): SealLevel {
  const codes = new Set(
    (meta?.security ?? []).filter((c) => c.system === 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality').map((c) => c.code),
  );
  return codes.has('V') ? 'SEALED_AND_LOCKED' : codes.has('R') ? 'SEALED' : 'NONE';
}

/** `YYYY-MM-DD` from a FHIR date or dateTime. */
function dateOf(value: string | undefined, at: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) throw invalidElement(at, 'Give a full date, YYYY-MM-DD.');
  return value.slice(0, 10);
}

const problemStatus: Record<string, ProblemInput['status']> = {
  active: 'ACTIVE',
  recurrence: 'ACTIVE',
  relapse: 'ACTIVE',
  inactive: 'INACTIVE',
  remission: 'INACTIVE',
  resolved: 'RESOLVED',
};

export function problemFrom(condition: Condition, at: string): ProblemInput {
  const clinical = condition.clinicalStatus?.coding?.[0]?.code;
  if (clinical !== undefined && !(clinical in problemStatus))
    throw invalidElement(`${at}.clinicalStatus`, `Unknown clinicalStatus ${clinical}.`);
  const onsetDate = dateOf(condition.onsetDateTime, `${at}.onsetDateTime`);
  return {
    code: conceptOf(condition.code, `${at}.code`),
    ...(onsetDate ? { onsetDate } : {}),
    status: clinical ? problemStatus[clinical]! : 'ACTIVE',
    sealLevel: sealLevelOf(condition.meta),
  };
}

const severity = { mild: 'MILD', moderate: 'MODERATE', severe: 'SEVERE' } as const;

export function allergyFrom(allergy: AllergyIntolerance, at: string): AllergyInput {
  const reaction = allergy.reaction?.[0];
  if (!reaction?.severity) throw invalidElement(`${at}.reaction[0].severity`, 'Give how severe the reaction was: reaction[0].severity.');
  const manifestation = reaction.manifestation?.[0];
  return {
    category: allergy.type === 'intolerance' ? 'INTOLERANCE' : 'ALLERGY',
    substance: conceptOf(allergy.code, `${at}.code`),
    ...(manifestation?.coding?.length ? { reaction: conceptOf(manifestation, `${at}.reaction[0].manifestation[0]`) } : {}),
    severity: severity[reaction.severity],
    sealLevel: sealLevelOf(allergy.meta),
  };
}

export function medicationFrom(statement: MedicationStatement, at: string): MedicationInput {
  const status =
    statement.status === 'active' ? 'ACTIVE' : statement.status === 'completed' || statement.status === 'stopped' ? 'STOPPED' : undefined;
  if (!status) throw invalidElement(`${at}.status`, 'status is active, completed or stopped.');
  const dosage = statement.dosage?.[0]?.text;
  if (!dosage) throw invalidElement(`${at}.dosage[0].text`, 'Give the dose and frequency as dosage[0].text.');
  const startDate = dateOf(statement.effectivePeriod?.start ?? statement.effectiveDateTime, `${at}.effectivePeriod.start`);
  const endDate = dateOf(statement.effectivePeriod?.end, `${at}.effectivePeriod.end`);
  return {
    medicine: conceptOf(statement.medicationCodeableConcept, `${at}.medicationCodeableConcept`),
    dosage,
    status,
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
    sealLevel: sealLevelOf(statement.meta),
  };
}
