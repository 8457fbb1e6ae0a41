import DataLoader from 'dataloader';
import { groupByKeys } from '@epr/platform';
import type { AccessEventRecord, AccessEventStore } from './data/access-event-store.js';

/** Per-request loaders: one SQL statement a batch. */
export interface Loaders {
  /** Keyed by patient; one loader per page size so a batch shares one `limit`. */
  latestEventsForPatient: (limit: number) => DataLoader<string, AccessEventRecord[]>;
}

export function createLoaders(events: AccessEventStore): Loaders {
  const byLimit = new Map<number, DataLoader<string, AccessEventRecord[]>>();
  return {
    latestEventsForPatient: (limit) => {
      let loader = byLimit.get(limit);
      if (!loader) {
        loader = new DataLoader(async (ids) => groupByKeys(ids, await events.latestForPatients(ids, limit), (e) => e.patientId ?? ''));
        byLimit.set(limit, loader);
      }
      return loader;
    },
  };
}
