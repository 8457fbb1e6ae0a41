import { prismaTransactions, type SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb } from './data/prisma.js';
import { AppointmentStore } from './data/appointment-store.js';
import { BookingStore } from './data/booking-store.js';
import { ClinicStore } from './data/clinic-store.js';
import { SlotStore } from './data/slot-store.js';
import { createServices, type ServiceStores } from './services/index.js';
import { startOutcomeDelivery } from './delivery/outcome-delivery.js';
import { directoryOfClinics } from './data/clinic-directory.js';

/** The scheduling subgraph: clinics, slots, appointments and attendance, with outcomes relayed to care-pathway. */
export const schedulingSubgraph: SubgraphDefinition<Context> = {
  name: 'scheduling',
  build: ({ pool, logger, serviceClient, relationships }) => {
    // Clinic set-up and bookings into a team's clinic ask the directory; without a service key there is no one to ask.
    if (!serviceClient)
      throw new Error('scheduling needs SERVICE_PRIVATE_JWK_FILE: it relays outcomes and asks the directory who may run a clinic.');
    const db = createDb(pool);
    const delivery = startOutcomeDelivery(pool, serviceClient, logger);
    const stores: ServiceStores = {
      appointments: new AppointmentStore(db, pool),
      clinics: new ClinicStore(db),
      slots: new SlotStore(db),
      bookings: new BookingStore(),
      transactions: prismaTransactions(db),
      relationships,
      clinicDirectory: directoryOfClinics(serviceClient),
      outcomesCommitted: delivery.wake,
    };
    return {
      schema: buildSchema(),
      createContext: (base) => ({
        ...base,
        ...createServices({ caller: base.caller, policy: base.policy, audit: base.audit, now: () => new Date() }, stores),
      }),
      close: async () => {
        await delivery.stop();
        await db.$disconnect();
      },
    };
  },
};
