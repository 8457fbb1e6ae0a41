import type { SubgraphContext } from '@epr/platform';
import type { AppointmentAccess } from './appointment-access.js';

/** The scheduling subgraph's per-request context. */
export interface Context extends SubgraphContext {
  appointments: AppointmentAccess;
}
