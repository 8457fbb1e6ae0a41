import type { GraphQLError } from 'graphql';
import { conflict } from '@epr/platform';
import { requireText } from './text.js';

/** An HL7 v2 message as an interface engine identifies it: the change it carries is made once. */
export interface InterfaceMessage {
  sender: string;
  controlId: string;
  type: string;
}

export function parseInterfaceMessage(input: InterfaceMessage): InterfaceMessage {
  return {
    sender: requireText(input.sender, 'message.sender', 'The sender (MSH-3^MSH-4)', 64),
    controlId: requireText(input.controlId, 'message.controlId', 'The message control id (MSH-10)', 64),
    type: requireText(input.type, 'message.type', 'The message type (MSH-9)', 16),
  };
}

/** The same message again: nothing changes, and the sender learns it was applied before (so it counts a duplicate). */
export function alreadyApplied(message: InterfaceMessage, appliedAt: Date): GraphQLError {
  return conflict(
    `Message ${message.controlId} from ${message.sender} was already applied at ${appliedAt.toISOString()}; nothing was changed.`,
    'message.controlId',
  );
}
