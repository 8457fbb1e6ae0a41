// graphql-codegen: resolver types for each subgraph, from its SDL, into src/__generated__ (never edited by hand).
import type { CodegenConfig } from '@graphql-codegen/cli';

const subgraphs = ['patient', 'care-pathway', 'scheduling', 'audit'] as const;

// Resolvers receive our domain records (not GraphQL shapes) as parents; these say which record each type is.
const mappers: Record<(typeof subgraphs)[number], Record<string, string>> = {
  patient: {
    Patient: '../data/patient-store.js#PatientRecord',
    Organisation: '../data/directory-store.js#OrganisationRecord',
    RoleProfile: '../data/directory-store.js#RoleProfileRecord',
    Session: '../data/directory-store.js#SessionRecord',
  },
  'care-pathway': { Referral: '../data/referral-store.js#ReferralRecord', Patient: '../data/patient-ref.js#PatientRef' },
  scheduling: { Appointment: '../data/appointment-store.js#AppointmentRecord', Patient: '../data/patient-ref.js#PatientRef' },
  audit: { AccessEvent: '../data/access-event-store.js#AccessEventRecord', Patient: '../data/patient-ref.js#PatientRef' },
};

const only = process.env.SUBGRAPH;

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    subgraphs.filter((name) => !only || name === only).map((name) => [
      `subgraphs/${name}/src/__generated__/resolvers-types.ts`,
      {
        schema: `schema/${name}.graphql`,
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useIndexSignature: true,
          useTypeImports: true,
          strictScalars: true,
          scalars: { Date: 'string', DateTime: 'string', _FieldSet: 'string' },
          contextType: '../context.js#Context',
          mappers: mappers[name],
          enumsAsTypes: true,
          avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        },
      },
    ]),
  ),
};
export default config;
