import { wholeNumberSetting } from '../env-settings.js';

/**
 * How large one GraphQL operation may be. The gateway checks every operation against these before it plans
 * it, and every subgraph checks what it is sent against the same numbers (defence in depth). Fragments and
 * aliases count wherever they are spread.
 */
export interface OperationLimits {
  /** Fields nested inside each other (`{ me { roleProfile { organisation { name } } } }` is 4). */
  maxDepth: number;
  /** Aliased fields in the whole operation (`__typename` is free). */
  maxAliases: number;
  /** Fields asked for at the root of the operation. */
  maxRootFields: number;
  /** Directives used in the operation (`@include`, `@skip`, …). */
  maxDirectives: number;
  /** Lexical tokens in the document: checked while parsing, so a huge document costs no more than this many. */
  maxTokens: number;
  /** Estimated cost (see `estimateOperationCost`): each field 1, a list field's items times its size. */
  maxCost: number;
  /** How many items a list without a `first` argument is assumed to hold when estimating the cost. */
  assumedListSize: number;
}

/**
 * Room for every operation the portals and reporting tools send (the largest, an RTT tracking list of 100
 * rows, costs about 1,600), and far below what hurts: one 41-level fan-out costs 10^40.
 */
export const defaultOperationLimits: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 20,
  maxTokens: 3_000,
  maxCost: 10_000,
  assumedListSize: 10,
};

const settings: Record<keyof OperationLimits, string> = {
  maxDepth: 'OPERATION_MAX_DEPTH',
  maxAliases: 'OPERATION_MAX_ALIASES',
  maxRootFields: 'OPERATION_MAX_ROOT_FIELDS',
  maxDirectives: 'OPERATION_MAX_DIRECTIVES',
  maxTokens: 'OPERATION_MAX_TOKENS',
  maxCost: 'OPERATION_MAX_COST',
  assumedListSize: 'OPERATION_ASSUMED_LIST_SIZE',
};

/** The limits from the environment (`OPERATION_MAX_DEPTH`, …; the README lists them), defaults otherwise. */
export function readOperationLimits(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  const limits = { ...defaultOperationLimits };
  for (const [key, name] of Object.entries(settings) as [keyof OperationLimits, string][]) {
    limits[key] = wholeNumberSetting(env, name, 1) ?? limits[key];
  }
  return limits;
}

/**
 * What a subgraph allows: the gateway's structural limits with room for what the gateway adds to the part of
 * an operation it sends each subgraph (key fields, `__typename`, type conditions, an `_entities` level, aliases
 * for fields that clash between types) — far above anything the gateway would send, far below what hurts. The
 * cost is the gateway's alone to estimate: it needs the whole operation, and a subgraph sees a part of it with as
 * many entities as the data held.
 */
export function subgraphOperationLimits(gateway: OperationLimits): OperationLimits {
  return {
    ...gateway,
    maxDepth: gateway.maxDepth + 4,
    maxAliases: gateway.maxAliases * 4,
    maxRootFields: gateway.maxRootFields * 2,
    maxDirectives: gateway.maxDirectives * 2,
    maxTokens: gateway.maxTokens * 20,
    maxCost: Number.POSITIVE_INFINITY,
  };
}
