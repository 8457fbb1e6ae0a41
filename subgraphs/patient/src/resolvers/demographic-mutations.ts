import { conflict, notFound } from '@epr/platform';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import type { PatientRecord } from '../data/patient-store.js';
import { validateRegistration } from '../domain/register-patient.js';
import { validatePatientUpdate } from '../domain/update-patient.js';
import { parseLocalIdentifier } from '../domain/demographics.js';
import { recordMessage, unappliedMessage } from './interface-messages.js';

type DemographicMutations = Pick<MutationResolvers, 'registerPatient' | 'updatePatient' | 'addLocalIdentifier'>;

export const demographicMutations: DemographicMutations = {
  registerPatient: async (_parent, { input, message: messageInput }, context) => {
    const { stores, audit, caller, relationships } = context;
    const message = await unappliedMessage(context, messageInput);
    const patient = await stores.patients.register(validateRegistration(input), async (tx, created) => {
      await stores.duplicates.detect(tx, created);
      // Registration gives the registering organisation a legitimate relationship, in the same transaction.
      await relationships.careRelationship((sql, params) => tx.$executeRawUnsafe(sql, ...params), {
        patientId: created.id,
        holder: { kind: 'ORGANISATION', id: caller.organisationOds },
        type: 'REGISTRATION',
        sourceRef: `registration:${caller.organisationOds}:${created.id}`,
        createdBy: caller.userId,
      });
      await recordMessage(context, tx, message, created.id);
    });
    audit.record({ action: 'patient.create', outcome: 'ALLOWED', patientId: patient.id });
    return patient;
  },
  updatePatient: async (_parent, { input, message: messageInput }, context) => {
    const message = await unappliedMessage(context, messageInput);
    const current = await currentPatient(context, input.id, 'input.id');
    const changes = validatePatientUpdate(input, current);
    const patient = await context.stores.patients.update(current.id, changes, async (tx, updated) => {
      await context.stores.duplicates.detect(tx, updated);
      await recordMessage(context, tx, message, updated.id);
    });
    context.loaders.patientById.clear(patient.id).prime(patient.id, patient);
    context.audit.record({ action: 'patient.update', outcome: 'ALLOWED', patientId: patient.id });
    return patient;
  },
  addLocalIdentifier: async (_parent, { input }, context) => {
    const identifier = parseLocalIdentifier(input.identifier, 'input.identifier');
    const patient = await currentPatient(context, input.patientId, 'input.patientId');
    await context.stores.patients.addLocalIdentifier(patient.id, identifier);
    context.audit.record({ action: 'patient.update', outcome: 'ALLOWED', patientId: patient.id });
    return patient;
  },
};

/** The patient to change, which must not have been merged away: changes belong on the survivor. */
export async function currentPatient({ patients }: Context, id: string, field: string): Promise<PatientRecord> {
  const patient = await patients.record(id);
  if (!patient) throw notFound('No patient with this id is visible to you.', field);
  if (patient.replacedById)
    throw conflict(`This patient was merged into patient ${patient.replacedById}; change that patient instead.`, field);
  return patient;
}
