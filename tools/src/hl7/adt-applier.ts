import { AdtRejection, type AdtEvent, type PatientIdentifiers } from './adt-event.js';
import { GatewayCallFailed, type GatewayClient } from './gateway-client.js';

/** What became of one message. */
export type AdtOutcome = { kind: 'accepted'; detail: string } | { kind: 'duplicate'; detail: string };

const findByNhsNumber = `query ($nhsNumber: String!) { patientByNhsNumber(nhsNumber: $nhsNumber) { id } }`;
const findByLocal = `query ($organisation: String!, $value: String!) { patientByLocalIdentifier(organisation: $organisation, value: $value) { id } }`;
const register = `mutation ($input: RegisterPatientInput!, $message: InterfaceMessageInput) { registerPatient(input: $input, message: $message) { id } }`;
const update = `mutation ($input: UpdatePatientInput!, $message: InterfaceMessageInput) { updatePatient(input: $input, message: $message) { id } }`;
const admit = `mutation ($input: AdmitPatientInput!, $message: InterfaceMessageInput) { admitPatient(input: $input, message: $message) { id } }`;
const discharge = `mutation ($input: DischargePatientInput!, $message: InterfaceMessageInput) { dischargePatient(input: $input, message: $message) { id } }`;
const merge = `mutation ($input: MergePatientsInput!, $message: InterfaceMessageInput) { mergePatients(input: $input, message: $message) { id } }`;

/**
 * Applies ADT events to the record as a client of the gateway, with the interface engine's session: the same
 * GraphQL API, policy and security log as anyone. Each change carries its message (sender, MSH-10), so the record
 * applies it once: a message sent again comes back a duplicate.
 *
 * A28/A31/A08 register the person, or update them when PID-3 finds them. A01 admits (registering first a person
 * the index does not know yet); A03 discharges; A40 merges the MRG-1 patient into the PID-3 one.
 */
export class AdtApplier {
  constructor(private readonly gateway: GatewayClient) {}

  async apply(event: AdtEvent): Promise<AdtOutcome> {
    try {
      return { kind: 'accepted', detail: await this.change(event) };
    } catch (error) {
      if (!(error instanceof GatewayCallFailed)) throw error;
      if (error.code === 'CONFLICT' && error.errors[0]?.extensions?.field === 'message.controlId') {
        return { kind: 'duplicate', detail: error.message };
      }
      throw rejectionOf(error);
    }
  }

  private async change(event: AdtEvent): Promise<string> {
    const message = { sender: event.sender, controlId: event.controlId, type: event.type };
    const patientId = await this.find(event.identifiers);
    switch (event.trigger) {
      case 'A28':
      case 'A31':
      case 'A08':
        if (patientId) {
          const note = await this.withKnownPractice(event, (person) =>
            this.gateway.run(update, { input: { id: patientId, ...person }, message }),
          );
          return `updated patient ${patientId}${note}`;
        }
        return this.register(event, message).then(({ id, note }) => `registered patient ${id}${note}`);
      case 'A01': {
        const id = patientId ?? (await this.register(event, null)).id;
        const admittedAt = event.visit?.admittedAt ?? event.eventTime;
        const ward = event.visit?.ward;
        if (!admittedAt || !ward)
          throw new AdtRejection('AE', 'ADT^A01 needs the ward (PV1-3) and the admission time (PV1-44 or EVN).', '101');
        await this.gateway.run(admit, {
          input: { patientId: id, ward, admittedAt, ...(event.visit?.visitNumber ? { visitNumber: event.visit.visitNumber } : {}) },
          message,
        });
        return `admitted patient ${id} to ${ward}`;
      }
      case 'A03': {
        const dischargedAt = event.visit?.dischargedAt ?? event.eventTime;
        if (!dischargedAt) throw new AdtRejection('AE', 'ADT^A03 needs the discharge time (PV1-45 or EVN).', '101');
        const id = required(patientId, 'PID-3');
        await this.gateway.run(discharge, { input: { patientId: id, dischargedAt }, message });
        return `discharged patient ${id}`;
      }
      case 'A40': {
        const survivorId = required(patientId, 'PID-3');
        const replacedId = required(await this.find(event.replaced!), 'MRG-1');
        const reason = `HL7 ADT^A40 from ${event.sender}, message ${event.controlId}`;
        await this.gateway.run(merge, { input: { survivorId, replacedId, reason }, message });
        return `merged patient ${replacedId} into ${survivorId}`;
      }
    }
  }

  private async register(event: AdtEvent, message: Record<string, string> | null): Promise<{ id: string; note: string }> {
    let id = '';
    const note = await this.withKnownPractice(event, async ({ dateOfDeath: _notOnRegistration, ...person }) => {
      const input = {
        ...person,
        ...(event.identifiers.nhsNumber ? { nhsNumber: event.identifiers.nhsNumber } : {}),
        ...(event.identifiers.local.length ? { localIdentifiers: event.identifiers.local } : {}),
      };
      id = (await this.gateway.run<{ registerPatient: { id: string } }>(register, { input, message })).registerPatient.id;
    });
    return { id, note };
  }

  /**
   * Runs a demographic change; when the only thing refused is a GP practice the directory does not know (PAS feeds
   * name practices across the country), makes it again without the practice and says so, rather than leaving the
   * person out of the index altogether.
   */
  private async withKnownPractice(event: AdtEvent, change: (person: Demographics) => Promise<unknown>): Promise<string> {
    const person = demographics(event);
    try {
      await change(person);
      return '';
    } catch (error) {
      const refused = error instanceof GatewayCallFailed && error.errors[0]?.extensions?.field === 'input.registeredGpPractice';
      if (!refused || !person.registeredGpPractice) throw error;
      const { registeredGpPractice, ...withoutPractice } = person;
      await change(withoutPractice);
      return ` (GP practice ${registeredGpPractice} is not in the directory: left unset)`;
    }
  }

  /** The patient PID-3 (or MRG-1) names: by NHS number, else by the first hospital number the index knows. */
  private async find(identifiers: PatientIdentifiers): Promise<string | null> {
    if (identifiers.nhsNumber) {
      const found = await this.gateway.run<{ patientByNhsNumber: { id: string } | null }>(findByNhsNumber, {
        nhsNumber: identifiers.nhsNumber,
      });
      if (found.patientByNhsNumber) return found.patientByNhsNumber.id;
    }
    for (const local of identifiers.local) {
      const found = await this.gateway.run<{ patientByLocalIdentifier: { id: string } | null }>(findByLocal, local);
      if (found.patientByLocalIdentifier) return found.patientByLocalIdentifier.id;
    }
    return null;
  }
}

type Demographics = ReturnType<typeof demographics>;

function demographics(event: AdtEvent) {
  const { person } = event;
  return {
    givenName: person.givenName,
    familyName: person.familyName,
    birthDate: person.birthDate,
    sex: person.sex,
    ...(person.address ? { address: person.address } : {}),
    ...(person.telephone ? { telephone: person.telephone } : {}),
    ...(person.registeredGpPractice ? { registeredGpPractice: person.registeredGpPractice as string | undefined } : {}),
    ...(person.dateOfDeath ? { dateOfDeath: person.dateOfDeath } : {}),
  };
}

function required(patientId: string | null, segment: string): string {
  if (!patientId)
    throw new AdtRejection('AE', `The patient named in ${segment} is not in the master patient index (send an A28 first).`, '204');
  return patientId;
}

/**
 * A refusal by the record is AE (the content must be corrected), with its message and the field it names; a
 * record or gateway that cannot be reached, or a session it does not accept, is AR: nothing was applied and the
 * same message can be sent again later.
 */
function rejectionOf(error: GatewayCallFailed): AdtRejection {
  const field = error.errors[0]?.extensions?.field;
  const message = field ? `${error.message} (${field})` : error.message;
  switch (error.code) {
    case 'BAD_USER_INPUT':
      return new AdtRejection('AE', message, '102');
    case 'NOT_FOUND':
      return new AdtRejection('AE', message, '204');
    case 'CONFLICT':
      return new AdtRejection('AE', message, '205');
    case 'FORBIDDEN':
      return new AdtRejection('AE', `Refused by the access policy: ${message}`, '207');
    default:
      return new AdtRejection('AR', `Not applied, send again later: ${message}`, '207');
  }
}
