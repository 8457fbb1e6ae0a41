import type { InterfaceMessage } from '../domain/interface-message.js';
import type { Db, Tx } from './prisma.js';

/** The HL7 v2 messages applied so far, by sender and control id (MSH-10). */
export class InterfaceMessageStore {
  constructor(private readonly db: Db) {}

  /** When this message was applied, or null if it never was. */
  async appliedAt(message: InterfaceMessage): Promise<Date | null> {
    const row = await this.db.interfaceMessage.findUnique({
      where: { sender_controlId: { sender: message.sender, controlId: message.controlId } },
      select: { appliedAt: true },
    });
    return row?.appliedAt ?? null;
  }

  /**
   * Records the message inside the transaction of its change: both stand or neither does. A second copy racing
   * this one fails on the primary key, so its change is rolled back too.
   */
  async record(tx: Tx, message: InterfaceMessage, patientId: string, appliedBy: string): Promise<void> {
    await tx.interfaceMessage.create({
      data: { sender: message.sender, controlId: message.controlId, messageType: message.type, patientId, appliedBy },
    });
  }
}
