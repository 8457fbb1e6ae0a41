import { forbidden, notFound } from '@epr/platform';
import type { MutationResolvers, SealLevel } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import type { Authorship } from '../data/clinical-record-store.js';
import { chooseAuthoringTeam } from '../domain/authoring-team.js';
import { parseAllergy, parseClinicalDocument, parseMedication, parseProblem } from '../domain/clinical-entries.js';

type ClinicalMutations = Pick<MutationResolvers, 'recordProblem' | 'recordAllergy' | 'recordMedication' | 'fileClinicalDocument'>;

interface EntryInput {
  patientId: string;
  sealLevel?: SealLevel | null;
  authoringTeamId?: string | null;
}

export const clinicalMutations: ClinicalMutations = {
  recordProblem: (_parent, { input }, context) => {
    const entry = parseProblem(input);
    return record(context, input, 'problem.create', (patientId, by) => context.stores.clinicalRecord.recordProblem(patientId, entry, by));
  },
  recordAllergy: (_parent, { input }, context) => {
    const entry = parseAllergy(input);
    return record(context, input, 'allergy.create', (patientId, by) => context.stores.clinicalRecord.recordAllergy(patientId, entry, by));
  },
  recordMedication: (_parent, { input }, context) => {
    const entry = parseMedication(input);
    return record(context, input, 'medication.create', (patientId, by) =>
      context.stores.clinicalRecord.recordMedication(patientId, entry, by),
    );
  },
  fileClinicalDocument: (_parent, { input }, context) => {
    const entry = parseClinicalDocument(input);
    return record(context, input, 'clinical-document.create', (patientId, by) =>
      context.stores.clinicalRecord.fileDocument(patientId, entry, by),
    );
  },
};

/**
 * Writes a checked entry to the patient's record (a merged-away patient's record is the survivor's), authored by
 * the caller for their organisation and care team.
 */
async function record<T>(
  context: Context,
  input: EntryInput,
  action: string,
  write: (patientId: string, by: Authorship) => Promise<T>,
): Promise<T> {
  const patient = await context.patients.byId(input.patientId);
  if (!patient) throw notFound('No patient with this id is visible to you.', 'input.patientId');
  // Writing clinical entries needs the same legitimate relationship (or emergency access) as reading them.
  await context.patients.require('clinical.write', patient.id, action);
  const item = await write(patient.id, await authorshipOf(context, input));
  context.audit.record({ action, outcome: 'ALLOWED', patientId: patient.id });
  return item;
}

async function authorshipOf({ caller, loaders }: Context, input: EntryInput): Promise<Authorship> {
  const organisation = await loaders.organisationByOds.load(caller.organisationOds);
  // The gateway checked the role profile against the directory, so this means the directory changed since.
  if (!organisation) throw forbidden('The organisation of your role profile is no longer in the directory. Sign in again.');
  const memberships = await loaders.careTeamsByRoleProfileId.load(caller.roleProfileId);
  const teams = memberships.map((m) => m.careTeam).filter((team) => team.organisationId === organisation.id);
  const sealLevel = input.sealLevel ?? 'NONE';
  return {
    sealLevel,
    authorId: caller.userId,
    authoringOrganisationId: organisation.id,
    authoringTeamId: chooseAuthoringTeam(input.authoringTeamId?.toLowerCase(), teams, sealLevel),
  };
}
