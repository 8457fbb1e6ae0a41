/**
 * Secondary uses (RTT reports, exports for analysis) must leave out patients who registered a national data
 * opt-out; direct care never does. Reports aggregate in SQL over whole trusts, so the policy's opt-out rule is
 * applied there, as this one predicate over the access-control store, rather than row by row in code.
 * `patientIdColumn` is a trusted column reference written by the caller (e.g. `p.patient_id`), never input.
 */
export function excludeNationalOptOuts(patientIdColumn: string): string {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(patientIdColumn)) throw new Error(`Not a column reference: ${patientIdColumn}`);
  return `NOT EXISTS (SELECT 1 FROM access_control.patient_consent opt_out
                       WHERE opt_out.patient_id = ${patientIdColumn} AND opt_out.national_opt_out)`;
}
