import type { InterfaceMessageInput } from '../__generated__/resolvers-types.js';
import type { Tx } from '../data/prisma.js';
import { alreadyApplied, parseInterfaceMessage, type InterfaceMessage } from '../domain/interface-message.js';
import type { ServiceRequest } from './request.js';

/**
 * The HL7 v2 message a change comes from, checked and not yet applied; a message applied before is refused
 * first, before the change is validated, so a re-sent file counts duplicates rather than errors.
 */
export async function unappliedMessage(
  { stores }: ServiceRequest,
  input: InterfaceMessageInput | null | undefined,
): Promise<InterfaceMessage | null> {
  if (!input) return null;
  const message = parseInterfaceMessage(input);
  const appliedAt = await stores.interfaceMessages.appliedAt(message);
  if (appliedAt) throw alreadyApplied(message, appliedAt);
  return message;
}

/** Records the message in the change's own transaction (nothing, when the change came from no message). */
export async function recordMessage(
  { stores, caller }: ServiceRequest,
  tx: Tx,
  message: InterfaceMessage | null,
  patientId: string,
): Promise<void> {
  if (message) await stores.interfaceMessages.record(tx, message, patientId, caller.userId);
}
