import type { PatientResolvers, ReferralResolvers } from '../__generated__/resolvers-types.js';
import { toIsoDate } from '@epr/platform';
import { rttClockStart } from '../domain/referral-request.js';

export const Referral: ReferralResolvers = {
  __resolveReference: (reference, { referrals }) => referrals.byId(reference.id),
  patient: (referral) => ({ id: referral.patientId }),
  receivedOn: (referral) => toIsoDate(referral.receivedOn),
  referredOn: (referral) => referral.referredOn && toIsoDate(referral.referredOn),
  ubrnConvertedOn: (referral) => referral.ubrnConvertedOn && toIsoDate(referral.ubrnConvertedOn),
  rttClockStart: (referral) =>
    rttClockStart({
      receivedOn: toIsoDate(referral.receivedOn),
      ubrnConvertedOn: referral.ubrnConvertedOn && toIsoDate(referral.ubrnConvertedOn),
    }),
  referrer: ({ patientId, referringOrganisation, referringClinician }) =>
    referringOrganisation && referringClinician ? { patientId, organisation: referringOrganisation, clinician: referringClinician } : null,
  triage: (referral) => ({
    patientId: referral.patientId,
    status: referral.triageStatus,
    decidedAt: referral.triagedAt?.toISOString() ?? null,
    decidedBy: referral.triagedBy,
    reason: referral.triageReason,
  }),
  withdrawal: (referral) =>
    referral.withdrawnOn && referral.withdrawnAt && referral.withdrawnBy
      ? {
          patientId: referral.patientId,
          withdrawnOn: toIsoDate(referral.withdrawnOn),
          recordedAt: referral.withdrawnAt.toISOString(),
          recordedBy: referral.withdrawnBy,
          reason: referral.withdrawalReason,
        }
      : null,
  pathway: (referral, _args, { pathways }) => pathways.forReferral(referral),
};

export const Patient: PatientResolvers = {
  __resolveReference: ({ id, recordPatientIds }) => ({ id, recordPatientIds }),
  referrals: (patient, _args, { referrals }) => referrals.forPatient(patient),
  pathways: (patient, _args, { pathways }) => pathways.forPatient(patient),
};
