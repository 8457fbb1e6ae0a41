import type { SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb, databaseSchema } from './data/prisma.js';
import { AppointmentStore } from './data/appointment-store.js';
import { BookingStore } from './data/booking-store.js';
import { ClinicStore } from './data/clinic-store.js';
import { SlotStore } from './data/slot-store.js';
import { createLoaders } from './loaders.js';
import { AppointmentAccess } from './appointment-access.js';
import { AppointmentDesk } from './appointment-desk.js';
import { ClinicAdministration } from './clinic-administration.js';
import { ClinicCatalogue } from './clinic-catalogue.js';
import { registeredBookingRelationships } from './booking-relationship.js';
import { startOutcomeDelivery } from './delivery/outcome-delivery.js';

/** The scheduling subgraph: clinics, slots, appointments and attendance, with outcomes relayed to care-pathway. */
export const schedulingSubgraph: SubgraphDefinition<Context> = {
  name: 'scheduling',
  databaseSchema,
  defaultPort: 4003,
  build: ({ pool, logger, serviceClient, relationships }) => {
    const db = createDb(pool);
    const stores = { appointments: new AppointmentStore(db), clinics: new ClinicStore(db), slots: new SlotStore(db) };
    const bookings = new BookingStore(db);
    const delivery = startOutcomeDelivery(pool, serviceClient, logger);
    const now = () => new Date();
    const bookingRelationships = registeredBookingRelationships(relationships);
    return {
      schema: buildSchema(),
      createContext: (base) => {
        const loaders = createLoaders(stores);
        const mayBackEnter = () => base.policy.holds('appointments.back_enter');
        const appointments = new AppointmentAccess(loaders, stores.appointments, base.policy);
        const catalogue = new ClinicCatalogue(loaders, stores.clinics, stores.slots);
        const desk = new AppointmentDesk({
          caller: base.caller,
          appointments,
          catalogue,
          history: stores.appointments,
          bookings,
          relationships: bookingRelationships,
          audit: base.audit,
          outcomesCommitted: delivery.wake,
          mayBackEnter,
          now,
        });
        const clinicAdministration = new ClinicAdministration(base.caller, catalogue, stores.clinics, stores.slots, now, mayBackEnter);
        return { ...base, appointments, catalogue, desk, clinicAdministration, now };
      },
      close: async () => {
        await delivery.stop();
        await db.$disconnect();
      },
    };
  },
};
