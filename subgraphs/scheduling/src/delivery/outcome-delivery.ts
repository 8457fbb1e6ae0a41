import type pg from 'pg';
import { createPool, type Logger, type ServiceClient } from '@epr/platform';
import { createDb, databaseSchema } from '../data/prisma.js';
import { OutboxStore } from '../data/outbox-store.js';
import { OutcomeRelay } from './outcome-relay.js';
import { deliverToCarePathway } from './care-pathway-outcomes.js';

export interface OutcomeDelivery {
  /** Call after committing an outcome: delivers it now rather than at the next sweep. */
  wake: () => void;
  stop: () => Promise<void>;
}

/**
 * Runs the outcome relay in this process. It has a small pool of its own so that its background statements
 * are counted apart (`epr_sql_statements_total{pool="epr-scheduling-outbox"}`) from the requests' statements.
 */
export function startOutcomeDelivery(requestPool: pg.Pool, serviceClient: ServiceClient, logger: Logger): OutcomeDelivery {
  const url = requestPool.options.connectionString;
  if (!url) throw new Error('The scheduling pool has no connection string to open the outcome relay pool from.');
  const pool = createPool({ url, schema: databaseSchema, maxConnections: 2, applicationName: 'epr-scheduling-outbox' });
  const db = createDb(pool);
  const relay = new OutcomeRelay(new OutboxStore(db), deliverToCarePathway(serviceClient), logger.child({ component: 'outcome-relay' }));
  relay.start();
  return {
    wake: () => relay.wake(),
    stop: async () => {
      await relay.stop();
      await db.$disconnect();
      await pool.end();
    },
  };
}
