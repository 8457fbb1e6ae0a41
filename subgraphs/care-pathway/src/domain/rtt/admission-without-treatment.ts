/**
 * Admissions that do not stop the clock (guidance 4.3.2.3): local kinds of event, not national RTT status
 * codes. Annex D lets providers keep more detailed local codes as long as each maps back to one of the 17; all
 * of these map to 20, activity on a clock that keeps running.
 */
export const admissionsWithoutTreatment = {
  /** The planned admission (TCI) was cancelled before the patient was admitted, by the hospital or the patient (4.4.2). */
  ADMISSION_CANCELLED: 'The planned admission was cancelled before the patient was admitted',
  /** Admitted for first definitive treatment, but the procedure was not carried out (4.3.2.3, examples i and ii). */
  TREATMENT_NOT_CARRIED_OUT: 'Admitted for treatment, but the intended procedure was not carried out',
  /** Admitted for a diagnostic test or procedure only. */
  DIAGNOSTIC_ADMISSION: 'Admitted for a diagnostic test or procedure only',
  /** Admitted for pre-treatment before first definitive treatment. */
  PRE_TREATMENT_ADMISSION: 'Admitted for pre-treatment before first definitive treatment',
  /** Admitted for a pre-operative assessment only. */
  PRE_OPERATIVE_ASSESSMENT: 'Admitted for a pre-operative assessment only',
} as const;

export type AdmissionWithoutTreatment = keyof typeof admissionsWithoutTreatment;

/** The national RTT status (Annex D) every admission without treatment maps to: 20, the clock keeps running. */
export const admissionWithoutTreatmentStatus = '20';
