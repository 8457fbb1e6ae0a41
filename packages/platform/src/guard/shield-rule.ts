import type { and } from 'graphql-shield';

/** A shield rule as graphql-shield takes it for one field: a rule, or a logic rule such as `allow`. */
export type ShieldRule = Parameters<typeof and>[number];
