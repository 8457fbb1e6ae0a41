import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { badUserInput, notFound } from '@epr/platform';

type AccessMutations = Pick<
  MutationResolvers,
  'claimLegitimateRelationship' | 'grantLegitimateRelationship' | 'emergencyAccess' | 'updateMyConsent' | 'nominateItemViewers'
>;

/**
 * How people gain access to a record, and how patients set their sharing choices. The alerting actions
 * (`relationship.self_claim`, `emergency.access`) are recorded with their reason: the security log raises the
 * privacy officer's alert in the same write.
 */
export const accessMutations: AccessMutations = {
  claimLegitimateRelationship: async (_parent, { patientId, reasonCode }, context) => {
    const patient = await visiblePatient(context, patientId);
    const expiresAt = await context.relationships.selfClaim(context.policy.subject, patient.id, reasonCode);
    context.audit.record({
      action: 'relationship.self_claim',
      outcome: 'ALLOWED',
      patientId: patient.id,
      basis: { kind: 'SELF_CLAIM', detail: reasonCode },
    });
    return { patientId: patient.id, type: 'SELF_CLAIM', holderUserId: context.caller.userId, expiresAt };
  },

  grantLegitimateRelationship: async (_parent, { patientId, colleagueUserId, reasonCode }, context) => {
    const patient = await visiblePatient(context, patientId);
    // Only someone who may open the record can pass access on.
    await context.patients.require('clinical.read', patient.id, 'relationship.grant');
    const colleague = await context.loaders.userById.load(colleagueUserId);
    if (!colleague) throw notFound('No user with this id is in the directory.', 'colleagueUserId');
    const expiresAt = await context.relationships.grant(context.policy.subject, colleague.id, patient.id, reasonCode);
    context.audit.record({
      action: 'relationship.grant',
      outcome: 'ALLOWED',
      patientId: patient.id,
      basis: { kind: 'COLLEAGUE_GRANT', detail: `${colleague.id} (${reasonCode})` },
    });
    return { patientId: patient.id, type: 'COLLEAGUE_GRANT', holderUserId: colleague.id, expiresAt };
  },

  emergencyAccess: async (_parent, { patientId, reason }, context) => {
    const patient = await visiblePatient(context, patientId);
    const expiresAt = await context.relationships.emergencyAccess(context.policy.subject, context.caller.roleProfileId, patient.id, reason);
    context.audit.record({
      action: 'emergency.access',
      outcome: 'ALLOWED',
      patientId: patient.id,
      basis: { kind: 'EMERGENCY', detail: reason.trim() },
    });
    return { patientId: patient.id, reason: reason.trim(), expiresAt };
  },

  updateMyConsent: async (_parent, { choices }, context) => {
    const patientId = context.caller.patientId;
    if (!patientId) throw notFound('Your account is not linked to a patient record.', 'choices');
    const consent = await context.consents.update(
      patientId,
      {
        ...(choices.doNotShare != null && { doNotShare: choices.doNotShare }),
        ...(choices.nationalOptOut != null && { nationalOptOut: choices.nationalOptOut }),
      },
      context.caller.userId,
    );
    context.audit.record({ action: 'consent.update', outcome: 'ALLOWED', patientId, basis: { kind: 'SELF' } });
    return consent;
  },

  nominateItemViewers: async (_parent, { kind, itemId, userIds }, context) => {
    const patientId = context.caller.patientId;
    if (!patientId) throw notFound('Your account is not linked to a patient record.', 'itemId');
    if (!(await context.patients.ownsItem(patientId, kind, itemId))) throw notFound('Your record has no such item.', 'itemId');
    const users = await Promise.all(userIds.map((id) => context.loaders.userById.load(id)));
    const unknown = userIds.filter((_, i) => !users[i]);
    if (unknown.length > 0) throw badUserInput(`No user with id ${unknown.join(', ')} is in the directory.`, 'userIds');
    await context.consents.nominate(patientId, `${kind}:${itemId}`, userIds);
    context.audit.record({
      action: 'consent.nominate',
      outcome: 'ALLOWED',
      patientId,
      items: [`${kind}:${itemId}`],
      basis: { kind: 'SELF' },
    });
    return [...new Set(userIds)];
  },
};

async function visiblePatient(context: Context, patientId: string) {
  const patient = await context.patients.byId(patientId);
  if (!patient) throw notFound('No patient with this id is visible to you.', 'patientId');
  return patient;
}
