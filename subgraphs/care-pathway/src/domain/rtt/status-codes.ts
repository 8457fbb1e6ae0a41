/**
 * The 17 RTT period status codes of DSCN 18/2006, as listed in the guidance's Annex D, and what each does to
 * the clock. Data, not code: the clock (rtt-clock.ts) reads `effect` and nothing else.
 */
export type RttStatusEffect =
  /** 10: the first care activity of a period; on a stopped pathway it starts a new clock (rules 3a, 3b, 3e). */
  | 'first-activity'
  /** 11: a decision to treat after active monitoring starts a new clock (rule 3d). */
  | 'end-active-monitoring'
  /** 12: a referral for a separate condition is a new pathway with its own identifier (Annex E). */
  | 'separate-condition'
  /** 20: activity on a running clock; the clock keeps ticking. */
  | 'continue'
  /** 21: care passes to another provider, which keeps the clock (Annex C); it leaves this provider's list. */
  | 'transfer'
  /** 30: first definitive treatment stops the clock (rule 4). */
  | 'stop-treatment'
  /** 31, 32: starting active monitoring stops the clock (rule 5b). */
  | 'stop-active-monitoring'
  /** 33: a clearly communicated first appointment DNA stops and nullifies the clock (rule 5e). */
  | 'nullify'
  /** 34: decision not to treat, discharge to primary care, transplant list (rules 4b, 5a, 5d, 5f; Annex E). */
  | 'stop-decision-not-to-treat'
  /** 35: the patient declined the treatment offered (rule 5c). */
  | 'stop-patient-declined'
  /** 36: the patient died before treatment; nothing further happens on the pathway (4.4.1.2 iii). */
  | 'stop-died'
  /** 90: activity after first treatment, outside any RTT period. */
  | 'after-treatment'
  /** 91: activity during active monitoring, outside any RTT period. */
  | 'during-active-monitoring'
  /** 92, 98, 99: activity outside RTT measurement or not yet known; no effect on the clock. */
  | 'no-effect';

export interface RttStatus {
  readonly code: string;
  readonly meaning: string;
  readonly effect: RttStatusEffect;
}

export const rttStatuses: readonly RttStatus[] = [
  { code: '10', meaning: 'First activity in a referral to treatment period', effect: 'first-activity' },
  { code: '11', meaning: 'First activity at the start of a new period following active monitoring', effect: 'end-active-monitoring' },
  {
    code: '12',
    meaning: 'First activity of a new period following a consultant referral for a separate condition',
    effect: 'separate-condition',
  },
  { code: '20', meaning: 'Subsequent activity during a referral to treatment period; further activity anticipated', effect: 'continue' },
  { code: '21', meaning: 'Transfer to another health care provider', effect: 'transfer' },
  { code: '30', meaning: 'Start of first definitive treatment', effect: 'stop-treatment' },
  { code: '31', meaning: 'Start of active monitoring initiated by the patient', effect: 'stop-active-monitoring' },
  { code: '32', meaning: 'Start of active monitoring initiated by the care professional', effect: 'stop-active-monitoring' },
  { code: '33', meaning: 'Patient did not attend the first appointment after the referral', effect: 'nullify' },
  { code: '34', meaning: 'Decision not to treat, or no further contact required', effect: 'stop-decision-not-to-treat' },
  { code: '35', meaning: 'Patient declined offered treatment', effect: 'stop-patient-declined' },
  { code: '36', meaning: 'Patient died before treatment', effect: 'stop-died' },
  { code: '90', meaning: 'After treatment: first treatment occurred previously', effect: 'after-treatment' },
  { code: '91', meaning: 'Activity during a period of active monitoring', effect: 'during-active-monitoring' },
  { code: '92', meaning: 'Not yet referred: undergoing diagnostic tests by the GP before referral', effect: 'no-effect' },
  { code: '98', meaning: 'Not applicable to referral to treatment periods', effect: 'no-effect' },
  { code: '99', meaning: 'Not yet known', effect: 'no-effect' },
];

const byCode = new Map(rttStatuses.map((status) => [status.code, status]));

/** The status with that code, or undefined when the code is not one of the 17. */
export function rttStatus(code: string): RttStatus | undefined {
  return byCode.get(code);
}
