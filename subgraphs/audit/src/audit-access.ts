import { badUserInput, type AuditTrail } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { AccessEventRecord, AccessEventStore } from './data/access-event-store.js';

const maxPage = 500;

/** The one guarded path to the security log. Reading the log is itself recorded in it. */
export class AuditLogAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly store: AccessEventStore,
    private readonly audit: AuditTrail,
  ) {}

  async latest(last: number): Promise<AccessEventRecord[]> {
    this.audit.record({ action: 'audit.read', outcome: 'ALLOWED', patientId: null });
    return this.store.latest(pageSize(last));
  }

  async forPatient(patientId: string, last: number): Promise<AccessEventRecord[]> {
    this.audit.record({ action: 'audit.read', outcome: 'ALLOWED', patientId });
    return this.loaders.latestEventsForPatient(pageSize(last)).load(patientId);
  }
}

function pageSize(last: number): number {
  if (!Number.isInteger(last) || last < 1 || last > maxPage) throw badUserInput(`last must be between 1 and ${maxPage}.`, 'last');
  return last;
}
