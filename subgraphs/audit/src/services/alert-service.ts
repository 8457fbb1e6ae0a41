import { maxLogPage } from '../domain/event-query.js';
import { badUserInput, notFound, type AuditedWrites, type AuditTrail, pageSize } from '@epr/platform';
import type { Tx } from '../data/prisma.js';
import type { Caller } from '@epr/identity';
import type { AuditAction } from '@epr/policy';
import type { AlertRecord, AlertReview, AlertStore } from '../data/alert-store.js';
import { closingNote, reviewSteps, stepRefused, type AlertStatus, type ReviewStep } from '../domain/alert-review.js';
import { alertCursor, parseAlertCursor } from '../domain/cursor.js';
import { toPage, type Page } from '../domain/page.js';

const reviewActions: Record<ReviewStep, AuditAction> = { acknowledge: 'audit.alert.acknowledge', close: 'audit.alert.close' };

export interface CloseAlertInput {
  id: string;
  conclusion: 'APPROPRIATE' | 'INAPPROPRIATE';
  note: string;
}

/**
 * Privacy officers' alerts. An alert names a patient and a user, so listing alerts is
 * recorded like any read of the log, and each review step is recorded as an action on that patient's record.
 */
export class AlertService {
  constructor(
    private readonly store: AlertStore,
    private readonly audit: AuditTrail,
    private readonly writes: AuditedWrites<Tx>,
    private readonly caller: Caller,
  ) {}

  async list(
    statuses: readonly AlertStatus[] | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<AlertRecord>> {
    const limit = pageSize(first, maxLogPage);
    const beforeId = after ? parseAlertCursor(after, 'after') : null;
    const rows = await this.store.list(statuses ?? null, beforeId, limit + 1);
    const page = toPage(rows, limit, (alert) => alertCursor(alert.id));
    const patients = new Set(page.edges.map((edge) => edge.node.patientId));
    if (patients.size === 0) patients.add(null);
    for (const patientId of patients) this.audit.record({ action: 'audit.read', outcome: 'ALLOWED', patientId, category: 'alerts' });
    return page;
  }

  acknowledge(id: string): Promise<AlertRecord> {
    return this.step('acknowledge', id, 'id', 'ACKNOWLEDGED', { acknowledgedBy: this.caller.userId, acknowledgedAt: new Date() });
  }

  close(input: CloseAlertInput): Promise<AlertRecord> {
    const review = {
      closedBy: this.caller.userId,
      closedAt: new Date(),
      conclusion: input.conclusion,
      closingNote: closingNote(input.note),
    };
    return this.step('close', input.id, 'input.id', 'CLOSED', review);
  }

  private async step(step: ReviewStep, idText: string, field: string, to: AlertStatus, review: AlertReview): Promise<AlertRecord> {
    if (!/^\d{1,19}$/.test(idText)) throw badUserInput(`${field} must be an alert id, as listed by accessAlerts.`, field);
    const id = BigInt(idText);
    const reviewed = await this.store.review(
      id,
      reviewSteps[step].from,
      to,
      review,
      this.writes.for((done) =>
        done ? [{ action: reviewActions[step], outcome: 'ALLOWED', patientId: done.patientId, items: [`AccessAlert:${id}`] }] : [],
      ),
    );
    if (!reviewed) {
      const current = await this.store.find(id);
      if (!current) throw notFound('No alert with this id exists.', field);
      throw stepRefused(step, current.status);
    }
    return reviewed;
  }
}
