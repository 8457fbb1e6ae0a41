import DataLoader from 'dataloader';
import { groupByKeys, orderByKeys } from '@epr/platform';
import type { AccessEventRecord, AccessEventStore, LogViewer } from './access-event-store.js';
import type { EventPosition } from '../domain/cursor.js';

/** Per-request loaders: one SQL statement a batch. */
export interface Loaders {
  /** Each patient's latest events; one loader per page (size and position) so a batch shares them. */
  latestEventsForPatient: (limit: number, position?: EventPosition) => DataLoader<string, AccessEventRecord[]>;
  eventBySeq: DataLoader<bigint, AccessEventRecord | null>;
}

export function createLoaders(events: AccessEventStore, viewer: LogViewer): Loaders {
  const byPage = new Map<string, DataLoader<string, AccessEventRecord[]>>();
  return {
    latestEventsForPatient: (limit, position) => {
      const page = `${limit}|${position?.occurredAt.toISOString() ?? ''}|${position?.seq ?? ''}`;
      let loader = byPage.get(page);
      if (!loader) {
        loader = new DataLoader(async (ids) =>
          groupByKeys(ids, await events.latestForPatients(ids, limit, viewer, position), (e) => e.patientId ?? ''),
        );
        byPage.set(page, loader);
      }
      return loader;
    },
    eventBySeq: new DataLoader(async (seqs) => orderByKeys(seqs, await events.bySeq(seqs), (e) => e.seq), {
      cacheKeyFn: (seq) => seq.toString(),
    }),
  };
}
