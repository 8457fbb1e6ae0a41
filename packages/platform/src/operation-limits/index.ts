import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { OperationLimits } from './limits.js';
import { operationLimitRules } from './limit-rules.js';
import { operationLimitsPlugin, type CostListener } from './limits-plugin.js';

export * from './limits.js';
export * from './limit-error.js';
export { estimateOperationCost } from './operation-cost.js';
export type { CostListener } from './limits-plugin.js';

/** The Apollo Server options that enforce the limits; spread into the gateway's and every subgraph's server. */
export interface OperationLimitOptions<TContext extends BaseContext> {
  parseOptions: { maxTokens: number };
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<TContext>[];
}

export function operationLimitOptions<TContext extends BaseContext>(
  limits: OperationLimits,
  onCost?: CostListener<TContext>,
): OperationLimitOptions<TContext> {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: operationLimitRules(limits),
    plugins: [operationLimitsPlugin(limits, onCost)],
  };
}
