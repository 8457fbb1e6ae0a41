import type { CalendarDate } from './calendar-date.js';
import type { AdmissionWithoutTreatment } from './admission-without-treatment.js';

/** What scheduling reports about an appointment on the pathway. */
export type AppointmentOutcome = 'ATTENDED' | 'DID_NOT_ATTEND' | 'CANCELLED_BY_PATIENT' | 'CANCELLED_BY_HOSPITAL';

/** The events the RTT clock folds, each dated on the day it happened (or was decided and communicated). */
export type RttEvent =
  | { readonly kind: 'REFERRAL_RECEIVED'; readonly on: CalendarDate }
  | { readonly kind: 'REFERRAL_REJECTED'; readonly on: CalendarDate }
  /** The referrer (or the patient, through them) withdrew the referral before the first appointment. */
  | { readonly kind: 'REFERRAL_WITHDRAWN'; readonly on: CalendarDate }
  | {
      readonly kind: 'RTT_STATUS';
      readonly on: CalendarDate;
      /** An RTT status code from Annex D, e.g. `30`. */
      readonly code: string;
      /** With 30: treatment began with an inpatient or day-case admission (the stop date is the admission date). */
      readonly admitted?: boolean;
      /** With 10, 11 or 20 on a running clock: a decision to admit for treatment was made. */
      readonly decisionToAdmit?: boolean;
    }
  | {
      /** An admission that did not start first definitive treatment (4.3.2.3): recorded, the clock keeps running. */
      readonly kind: 'ADMISSION_WITHOUT_TREATMENT';
      readonly on: CalendarDate;
      readonly admission: AdmissionWithoutTreatment;
    }
  | {
      readonly kind: 'APPOINTMENT_OUTCOME';
      readonly on: CalendarDate;
      readonly outcome: AppointmentOutcome;
      /**
       * Scheduling's word that this was the patient's first (new patient) appointment on the pathway. The clock
       * also checks its own history: once the patient has been seen on the clock, no appointment is the first.
       */
      readonly firstAppointment: boolean;
      /** For a DNA: the provider can show the appointment was clearly communicated to the patient. */
      readonly dnaCommunicatedClearly: boolean | null;
    };

/** What an event did to the clock, as shown on the pathway timeline. */
export type ClockEffect = 'STARTED' | 'CONTINUED' | 'STOPPED' | 'NULLIFIED' | 'TRANSFERRED' | 'NONE';
