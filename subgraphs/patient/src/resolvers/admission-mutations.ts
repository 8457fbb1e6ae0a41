import { forbidden, type SqlExecutor } from '@epr/platform';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import type { Tx } from '../data/prisma.js';
import { admissionSourceRef, parseAdmission, parseDischargeTime } from '../domain/admission.js';
import { currentPatient } from './demographic-mutations.js';
import { recordMessage, unappliedMessage } from './interface-messages.js';

type AdmissionMutations = Pick<MutationResolvers, 'admitPatient' | 'dischargePatient'>;

export const admissionMutations: AdmissionMutations = {
  admitPatient: async (_parent, { input, message: messageInput }, context) => {
    const message = await unappliedMessage(context, messageInput);
    const admission = parseAdmission(input);
    const patient = await currentPatient(context, input.patientId, 'input.patientId');
    const organisationId = await callerOrganisationId(context);
    const careTeamId = await context.stores.admissions.wardTeam(organisationId, admission.ward);
    const created = await context.stores.admissions.admit(
      { ...admission, patientId: patient.id, organisationId, careTeamId, admittedBy: context.caller.userId },
      async (tx, stay) => {
        // The ward's team (else the organisation) may open the record from the moment of admission, no sooner.
        await context.relationships.careRelationship(sqlIn(tx), {
          patientId: patient.id,
          holder: careTeamId ? { kind: 'TEAM', id: careTeamId } : { kind: 'ORGANISATION', id: context.caller.organisationOds },
          type: 'ADMISSION',
          sourceRef: admissionSourceRef(stay.id),
          createdBy: context.caller.userId,
        });
        await recordMessage(context, tx, message, patient.id);
      },
    );
    context.audit.record({ action: 'admission.create', outcome: 'ALLOWED', patientId: patient.id, items: [`Admission:${created.id}`] });
    return created;
  },
  dischargePatient: async (_parent, { input, message: messageInput }, context) => {
    const message = await unappliedMessage(context, messageInput);
    const dischargedAt = parseDischargeTime(input.dischargedAt);
    const patient = await currentPatient(context, input.patientId, 'input.patientId');
    const organisationId = await callerOrganisationId(context);
    const closed = await context.stores.admissions.discharge(
      patient.id,
      organisationId,
      { dischargedAt, dischargedBy: context.caller.userId },
      async (tx, stay) => {
        // The team keeps access for the policy's grace period after discharge (letters, results), then loses it.
        await context.relationships.endCareRelationships(sqlIn(tx), admissionSourceRef(stay.id), dischargedAt);
        await recordMessage(context, tx, message, patient.id);
      },
    );
    context.audit.record({ action: 'admission.discharge', outcome: 'ALLOWED', patientId: patient.id, items: [`Admission:${closed.id}`] });
    return closed;
  },
};

async function callerOrganisationId({ caller, loaders }: Context): Promise<string> {
  const organisation = await loaders.organisationByOds.load(caller.organisationOds);
  // The gateway checked the role profile against the directory, so this means the directory changed since.
  if (!organisation) throw forbidden('The organisation of your role profile is no longer in the directory. Sign in again.');
  return organisation.id;
}

function sqlIn(tx: Tx): SqlExecutor {
  return (sql, params) => tx.$executeRawUnsafe(sql, ...params);
}
