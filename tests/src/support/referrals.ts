import { as, type Person, type Staff } from './people.js';

export interface ReferralMade {
  id: string;
  pathwayId: string;
}

/**
 * A referral received for a patient, as tests that are not about referrals need one: the GP practice A81001's
 * Dr David Lee refers to `receivingOrganisation` (whose organisation then holds a REFERRAL relationship with the
 * patient). Who may create a referral is changing on main; this is the one place a test creates one, so only it
 * changes with those rules.
 */
export async function referPatient(
  patientId: string,
  referral: { receivingOrganisation: string; specialty?: string; reason?: string; receivedOn?: string },
  who: Person | Staff = 'gp',
): Promise<ReferralMade> {
  const body = await as<{ createReferral: { id: string; pathway: { id: string } } }>(
    who,
    `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id pathway { id } } }`,
    {
      input: {
        patientId,
        referringOrganisation: 'A81001',
        referringClinician: 'Dr David Lee',
        priority: 'ROUTINE',
        specialty: 'General medicine',
        reason: 'Referred for assessment.',
        receivedOn: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
        ...referral,
      },
    },
  );
  if (!body.data) throw new Error(`createReferral failed: ${JSON.stringify(body.errors)}`);
  return { id: body.data.createReferral.id, pathwayId: body.data.createReferral.pathway.id };
}
