import type { AlertKind } from '@epr/policy';
import type { Transaction } from '@epr/platform';
import type { Db, Tx } from './prisma.js';
import type { AlertStatus } from '../domain/alert-review.js';

export interface AlertRecord {
  id: bigint;
  eventSeq: bigint;
  eventOccurredAt: Date;
  kind: AlertKind;
  status: AlertStatus;
  patientId: string | null;
  userId: string;
  organisation: string;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  closedBy: string | null;
  closedAt: Date | null;
  conclusion: 'APPROPRIATE' | 'INAPPROPRIATE' | null;
  closingNote: string | null;
}

/** What a review step writes; only the columns named change. */
export type AlertReview =
  | { acknowledgedBy: string; acknowledgedAt: Date }
  | { closedBy: string; closedAt: Date; conclusion: 'APPROPRIATE' | 'INAPPROPRIATE'; closingNote: string };

/** Alerts are raised by audit.append_access_events; here they are listed and reviewed. */
export class AlertStore {
  constructor(private readonly db: Db) {}

  list(statuses: readonly AlertStatus[] | null, beforeId: bigint | null, limit: number): Promise<AlertRecord[]> {
    return this.db.accessAlert.findMany({
      where: {
        ...(statuses?.length ? { status: { in: [...statuses] } } : {}),
        ...(beforeId !== null ? { id: { lt: beforeId } } : {}),
      },
      orderBy: { id: 'desc' },
      take: limit,
    });
  }

  find(id: bigint): Promise<AlertRecord | null> {
    return this.db.accessAlert.findUnique({ where: { id } });
  }

  /**
   * Moves an alert to its next status if, and only if, it is in one of `from`: one conditional UPDATE, so two
   * reviewers racing cannot both succeed. Null when it was not (the caller finds out why).
   */
  review(
    id: bigint,
    from: readonly AlertStatus[],
    to: AlertStatus,
    review: AlertReview,
    transaction: Transaction<Tx, AlertRecord | null>,
  ): Promise<AlertRecord | null> {
    return transaction(async (tx) => {
      const [updated] = await tx.accessAlert.updateManyAndReturn({
        where: { id, status: { in: [...from] } },
        data: { status: to, ...review },
      });
      return updated ?? null;
    });
  }
}
