import { Hl7Message, type Hl7Field, type Hl7Segment } from '@medplum/core';
import { hl7Date, hl7Instant, unescapeText } from './hl7-values.js';

/** The ADT trigger events this feed applies. */
export const supportedEvents = ['A28', 'A31', 'A01', 'A03', 'A08', 'A40'] as const;
export type AdtTrigger = (typeof supportedEvents)[number];

/** How a patient is named in PID-3 / MRG-1: the NHS number (`^^^NHS^NH`), hospital numbers (`^^^RX1^MR`). */
export interface PatientIdentifiers {
  nhsNumber: string | null;
  local: { organisation: string; value: string }[];
}

/** Demographics as PID (and PD1) carry them, in the record's terms. */
export interface Person {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'MALE' | 'FEMALE' | 'INDETERMINATE' | 'NOT_KNOWN';
  address: { lines: string[]; postcode?: string } | null;
  telephone: string | null;
  registeredGpPractice: string | null;
  dateOfDeath: string | null;
}

/** One ADT message, checked and in the record's terms. */
export interface AdtEvent {
  /** MSH-3^MSH-4: with MSH-10, what makes the message unique. */
  sender: string;
  controlId: string;
  /** MSH-9 as `ADT^A01`. */
  type: string;
  trigger: AdtTrigger;
  identifiers: PatientIdentifiers;
  person: Person;
  /** PV1 for A01 / A03: the ward (PV1-3.1), visit number (PV1-19), admit and discharge times (PV1-44, PV1-45). */
  visit: { ward: string | null; visitNumber: string | null; admittedAt: string | null; dischargedAt: string | null } | null;
  /** EVN-6 (event occurred), else EVN-2 (recorded). */
  eventTime: string | null;
  /** A40: MRG-1, the patient merged away. */
  replaced: PatientIdentifiers | null;
}

/**
 * Why a message was not applied, and the ACK code it gets: AR (rejected: not an ADT message this feed applies,
 * or it could not be processed now: send again later) or AE (error: the content was refused; correct it).
 */
export class AdtRejection extends Error {
  constructor(
    readonly ack: 'AE' | 'AR',
    message: string,
    /** HL7 table 0357 message error condition code, for the ACK's ERR segment. */
    readonly errorCode: string,
  ) {
    super(message);
  }
}

const malformed = (message: string) => new AdtRejection('AE', message, '102');

/** Parses one message's text (segments separated by CR) into an ADT event, or throws an AdtRejection. */
export function parseAdt(text: string): { message: Hl7Message; event: AdtEvent } {
  let message: Hl7Message;
  try {
    message = Hl7Message.parse(text);
  } catch {
    throw new AdtRejection('AR', 'Not an HL7 v2 message: it must start with an MSH segment.', '100');
  }
  return { message, event: eventOf(message) };
}

function eventOf(message: Hl7Message): AdtEvent {
  const msh = message.header;
  const controlId = msh.getField(10)?.toString() ?? '';
  if (!controlId) throw new AdtRejection('AR', 'MSH-10 (message control id) is empty: every message needs its own.', '101');
  const messageType = msh.getComponent(9, 1);
  const trigger = msh.getComponent(9, 2);
  if (messageType !== 'ADT') {
    throw new AdtRejection('AR', `Message type ${messageType || '(none)'} is not accepted here: only ADT.`, '200');
  }
  if (!(supportedEvents as readonly string[]).includes(trigger)) {
    throw new AdtRejection('AR', `ADT^${trigger || '?'} is not applied here; this feed takes ${supportedEvents.join(', ')}.`, '201');
  }
  const sender = [msh.getComponent(3, 1), msh.getComponent(4, 1)].join('^');
  if (sender === '^') throw new AdtRejection('AR', 'MSH-3 and MSH-4 (sending application and facility) are empty.', '101');
  const pid = message.getSegment('PID');
  if (!pid) throw new AdtRejection('AR', `ADT^${trigger} needs a PID segment.`, '100');
  const identifiers = identifiersOf(pid.getField(3), 'PID-3');
  if (!identifiers.nhsNumber && identifiers.local.length === 0) {
    throw new AdtRejection('AE', 'PID-3 names the patient by no NHS number (^^^NHS^NH) and no hospital number (^^^<ODS>^MR).', '101');
  }
  const evn = message.getSegment('EVN');
  const pv1 = message.getSegment('PV1');
  const mrg = message.getSegment('MRG');
  if (trigger === 'A40' && !mrg) throw new AdtRejection('AR', 'ADT^A40 needs an MRG segment naming the patient merged away.', '100');
  return {
    sender,
    controlId,
    type: `ADT^${trigger}`,
    trigger: trigger as AdtTrigger,
    identifiers,
    person: personOf(message, pid),
    visit: pv1
      ? {
          ward: text(message, pv1.getField(3), 1) || null,
          visitNumber: pv1.getComponent(19, 1) || null,
          admittedAt: instant(pv1.getComponent(44, 1), 'PV1-44'),
          dischargedAt: instant(pv1.getComponent(45, 1), 'PV1-45'),
        }
      : null,
    eventTime: evn ? (instant(evn.getComponent(6, 1), 'EVN-6') ?? instant(evn.getComponent(2, 1), 'EVN-2')) : null,
    replaced: mrg ? identifiersOf(mrg.getField(1), 'MRG-1') : null,
  };
}

function identifiersOf(field: Hl7Field | undefined, name: string): PatientIdentifiers {
  const found: PatientIdentifiers = { nhsNumber: null, local: [] };
  for (const [i] of (field?.components ?? []).entries()) {
    const value = field!.getComponent(1, undefined, i).trim();
    const authority = field!.getComponent(4, undefined, i).trim();
    const type = field!.getComponent(5, undefined, i).trim();
    if (!value) continue;
    if (type === 'NH' || authority === 'NHS') {
      if (found.nhsNumber && found.nhsNumber !== value) throw new AdtRejection('AE', `${name} carries two different NHS numbers.`, '102');
      found.nhsNumber = value;
    } else if (type === 'MR' && authority) {
      found.local.push({ organisation: authority.toUpperCase(), value });
    }
  }
  return found;
}

const sexCodes: Record<string, Person['sex']> = {
  M: 'MALE',
  F: 'FEMALE',
  U: 'NOT_KNOWN',
  A: 'INDETERMINATE',
  O: 'INDETERMINATE',
  N: 'NOT_KNOWN',
};

function personOf(message: Hl7Message, pid: Hl7Segment): Person {
  const name = pid.getField(5);
  const familyName = text(message, name, 1);
  const givenName = [text(message, name, 2), text(message, name, 3)].filter(Boolean).join(' ');
  if (!familyName || !givenName) throw new AdtRejection('AE', 'PID-5 needs the family name and a given name (family^given).', '101');
  const birthDate = date(pid.getComponent(7, 1), 'PID-7');
  if (!birthDate) throw new AdtRejection('AE', 'PID-7 (date of birth) is empty.', '101');
  const address = pid.getField(11);
  const lines = [1, 2, 3, 4].map((c) => text(message, address, c)).filter(Boolean);
  const postcode = text(message, address, 5);
  const pd1 = message.getSegment('PD1');
  const practice = pd1 ? pd1.getComponent(3, 3) || pd1.getComponent(3, 10) : '';
  return {
    givenName,
    familyName,
    birthDate,
    sex: sexCodes[pid.getComponent(8, 1)] ?? 'NOT_KNOWN',
    address: lines.length ? { lines, ...(postcode ? { postcode } : {}) } : null,
    telephone: pid.getComponent(13, 1) || null,
    registeredGpPractice: practice || null,
    dateOfDeath: date(pid.getComponent(29, 1), 'PID-29'),
  };
}

function text(message: Hl7Message, field: Hl7Field | undefined, component: number): string {
  return unescapeText(field?.getComponent(component) ?? '', message.context).trim();
}

function date(value: string, name: string): string | null {
  try {
    return hl7Date(value);
  } catch (error) {
    throw malformed(`${name}: ${(error as Error).message}.`);
  }
}

function instant(value: string, name: string): string | null {
  try {
    return hl7Instant(value);
  } catch (error) {
    throw malformed(`${name}: ${(error as Error).message}.`);
  }
}
