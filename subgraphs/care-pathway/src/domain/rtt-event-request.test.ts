import { parseAppointmentOutcome, parseRttEventRequest } from './rtt-event-request.js';

const today = '2025-04-30';
const evidence = 'Appointment letter sent 2025-03-17';

/** The BAD_USER_INPUT a parse refuses with, naming the input field to fix. */
function refusedNaming(field: string) {
  return expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
}

describe('an RTT event from a clinical outcome form', () => {
  test('33 must come with evidence the appointment was clearly communicated (rule 5e), and only 33 takes it', () => {
    expect(() => parseRttEventRequest({ rttStatus: '33', occurredOn: '2025-04-07' }, today)).toThrow(
      refusedNaming('input.communicationEvidence'),
    );
    expect(
      parseRttEventRequest({ rttStatus: '33', occurredOn: '2025-04-07', communicationEvidence: ` ${evidence} ` }, today),
    ).toMatchObject({
      event: { kind: 'RTT_STATUS', code: '33', on: '2025-04-07' },
      communicationEvidence: evidence,
    });
    expect(() => parseRttEventRequest({ rttStatus: '30', occurredOn: '2025-04-07', communicationEvidence: evidence }, today)).toThrow(
      refusedNaming('input.communicationEvidence'),
    );
  });

  test('an admission without treatment is its own event, national status 20 or none given', () => {
    expect(parseRttEventRequest({ admissionWithoutTreatment: 'DIAGNOSTIC_ADMISSION', occurredOn: '2025-04-07' }, today).event).toEqual({
      kind: 'ADMISSION_WITHOUT_TREATMENT',
      on: '2025-04-07',
      admission: 'DIAGNOSTIC_ADMISSION',
    });
    expect(
      parseRttEventRequest({ admissionWithoutTreatment: 'ADMISSION_CANCELLED', rttStatus: '20', occurredOn: '2025-04-07' }, today).event
        .kind,
    ).toBe('ADMISSION_WITHOUT_TREATMENT');
    const cancelled = { admissionWithoutTreatment: 'ADMISSION_CANCELLED' as const, occurredOn: '2025-04-07' };
    expect(() => parseRttEventRequest({ ...cancelled, rttStatus: '30' }, today)).toThrow(refusedNaming('input.rttStatus'));
    expect(() => parseRttEventRequest({ ...cancelled, admitted: true }, today)).toThrow(refusedNaming('input.admitted'));
  });

  test('without a status or an admission there is nothing to record', () => {
    expect(() => parseRttEventRequest({ occurredOn: '2025-04-07' }, today)).toThrow(refusedNaming('input.rttStatus'));
  });
});

describe('an appointment outcome from scheduling', () => {
  test('a DNA carries its evidence and whether it was back-entered; an attendance carries no evidence', () => {
    const now = new Date('2025-04-30T12:00:00Z');
    const dna = {
      outcome: 'DID_NOT_ATTEND' as const,
      firstAppointment: true,
      dnaCommunicatedClearly: true,
      occurredAt: '2025-04-07T09:00:00Z',
    };
    expect(parseAppointmentOutcome({ ...dna, communicationEvidence: evidence, backEntered: true }, now)).toMatchObject({
      communicationEvidence: evidence,
      backEntered: true,
      event: { on: '2025-04-07', dnaCommunicatedClearly: true },
    });
    // Events queued before back-entry existed say neither.
    expect(parseAppointmentOutcome(dna, now)).toMatchObject({ communicationEvidence: null, backEntered: false });
    expect(parseAppointmentOutcome({ ...dna, outcome: 'ATTENDED', communicationEvidence: evidence }, now).communicationEvidence).toBeNull();
  });
});
