/** A referral as the GP practice A81001 sends it to `receivingOrganisation`: the fields a test does not care about filled in. */
export function referralInput(fields: {
  patientId: string;
  receivingOrganisation: string;
  specialty: string;
  reason: string;
  [date: string]: unknown;
}): Record<string, unknown> {
  return { referringOrganisation: 'A81001', referringClinician: 'Dr David Lee', priority: 'ROUTINE', ...fields };
}
