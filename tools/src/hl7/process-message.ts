import { Hl7Segment, type Hl7Message } from '@medplum/core';
import { AdtRejection, parseAdt } from './adt-event.js';
import type { AdtApplier } from './adt-applier.js';
import { escapeText } from './hl7-values.js';

/** What became of one message: for the importer's summary and the listener's ACK. */
export interface MessageResult {
  controlId: string;
  outcome: 'accepted' | 'duplicate' | 'rejected';
  ack: 'AA' | 'AE' | 'AR';
  /** What was done, or why not. */
  reason: string;
  errorCode?: string;
  /** The parsed message, when it could be parsed (to build its ACK). */
  message?: Hl7Message;
}

/** Parses and applies one message; never throws for anything a message can do wrong. */
export async function processMessage(applier: AdtApplier, text: string): Promise<MessageResult> {
  let parsed: ReturnType<typeof parseAdt> | undefined;
  try {
    parsed = parseAdt(text);
    const outcome = await applier.apply(parsed.event);
    return {
      controlId: parsed.event.controlId,
      outcome: outcome.kind,
      ack: 'AA',
      reason: outcome.kind === 'duplicate' ? `Duplicate, already applied: ${outcome.detail}` : outcome.detail,
      message: parsed.message,
    };
  } catch (error) {
    if (!(error instanceof AdtRejection)) throw error;
    const controlId = parsed?.event.controlId ?? controlIdOf(text);
    return {
      controlId,
      outcome: 'rejected',
      ack: error.ack,
      reason: error.message,
      errorCode: error.errorCode,
      ...(parsed ? { message: parsed.message } : {}),
    };
  }
}

/** MSH-10 read plainly, for messages too broken to parse. */
function controlIdOf(text: string): string {
  const msh = text.split('\r')[0] ?? '';
  return msh.startsWith('MSH') ? (msh.split(msh.charAt(3))[9] ?? '') : '';
}

/**
 * The ACK for a processed message: MSA-1 the code, MSA-3 what was done or why not; for AE and AR an ERR segment
 * with the HL7 table 0357 code and the reason (ERR-3, ERR-4, ERR-8, as HL7 v2.5 lays it out).
 */
export function ackFor(result: MessageResult & { message: Hl7Message }): Hl7Message {
  const { message } = result;
  const reason = escapeText(result.reason, message.context).slice(0, 200);
  const err =
    result.ack === 'AA'
      ? undefined
      : new Hl7Segment(['ERR', '', '', `${result.errorCode ?? '207'}^${reason}^HL70357`, 'E', '', '', '', reason], message.context);
  const ack = message.buildAck({ ackCode: result.ack, ...(err ? { errSegment: err } : {}) });
  ack.getSegment('MSA')!.setField(3, reason);
  return ack;
}
