import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { context, trace, type Span } from '@opentelemetry/api';
import { getNamedType, isCompositeType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { beginSpan, failSpan, SpanKind, tracedIn, tracingEnabled } from './tracing.js';

/** The `graphql.execute` span of each request, so resolver spans (see `traceResolvers`) hang under it. */
const executions = new WeakMap<object, Span>();

/**
 * Spans for Apollo Server's phases of one request — `graphql.parse`, `graphql.validate`, `graphql.execute` —
 * children of the request's HTTP span. Nothing at all with tracing off.
 */
export function tracingPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      if (!tracingEnabled()) return;
      return {
        async parsingDidStart() {
          const span = beginSpan('graphql.parse');
          return async (error) => end(span, error);
        },
        async validationDidStart() {
          const span = beginSpan('graphql.validate');
          return async (errors) => end(span, errors?.[0]);
        },
        async executionDidStart({ contextValue, operationName, operation }) {
          const span = beginSpan('graphql.execute', {
            'graphql.operation.type': operation.operation,
            ...(operationName ? { 'graphql.operation.name': operationName } : {}),
          });
          if (span) executions.set(contextValue, span);
          return {
            async executionDidEnd(error) {
              end(span, error);
            },
          };
        },
      };
    },
  };
}

function end(span: Span | undefined, error?: unknown): void {
  if (error) failSpan(span, error);
  span?.end();
}

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * Which resolvers get a span: root fields, `__resolveReference`, and fields that return objects (a patient's
 * referrals, an access's organisation) — the ones that call services, loaders and SQL. A resolver that maps a
 * scalar (a date, a code's label) gets none: fifty of them would bury the spans that matter.
 */
export function spanWorthyFields(shape: GraphQLSchema): (typeName: string, fieldName: string) => boolean {
  const roots = new Set([shape.getQueryType()?.name, shape.getMutationType()?.name]);
  return (typeName, fieldName) => {
    if (fieldName === '__resolveReference' || roots.has(typeName)) return true;
    const type = shape.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    return field !== undefined && isCompositeType(getNamedType(field.type));
  };
}

/**
 * A resolver map whose span-worthy resolvers (see `spanWorthyFields`) each run in a span `resolve Type.field`,
 * under the request's `graphql.execute` span, so the statements they send hang under them. With tracing off at
 * start-up the map is returned as it is.
 */
export function traceResolvers<T>(resolvers: T, worthy: (typeName: string, fieldName: string) => boolean = () => true): T {
  if (!tracingEnabled()) return resolvers;
  const traced: ResolverMap = {};
  for (const [typeName, fields] of Object.entries(resolvers as ResolverMap)) {
    if (typeof fields !== 'object' || fields === null || !isPlainObject(fields)) {
      traced[typeName] = fields;
      continue;
    }
    traced[typeName] = Object.fromEntries(
      Object.entries(fields).map(([fieldName, resolver]) => [
        fieldName,
        worthy(typeName, fieldName) ? wrap(`${typeName}.${fieldName}`, resolver) : resolver,
      ]),
    );
  }
  return traced as T;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function wrap(name: string, resolver: unknown): unknown {
  if (typeof resolver === 'function') return spanned(name, resolver as GraphQLFieldResolver<unknown, unknown>);
  if (typeof resolver === 'object' && resolver !== null && typeof (resolver as { resolve?: unknown }).resolve === 'function') {
    const field = resolver as { resolve: GraphQLFieldResolver<unknown, unknown> };
    return { ...field, resolve: spanned(name, field.resolve) };
  }
  return resolver;
}

function spanned(name: string, resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  const spanName = `resolve ${name}`;
  // `__resolveReference(reference, context, info)` has the context one argument earlier than a field resolver.
  const isReference = name.endsWith('.__resolveReference');
  return function tracedResolver(this: unknown, parent, args, contextValue, info) {
    if (!tracingEnabled()) return resolve.call(this, parent, args, contextValue, info);
    const requestContext: unknown = isReference ? args : contextValue;
    const execution = typeof requestContext === 'object' && requestContext !== null ? executions.get(requestContext) : undefined;
    const parentContext = execution ? trace.setSpan(context.active(), execution) : undefined;
    return tracedIn(spanName, { kind: SpanKind.INTERNAL, ...(parentContext ? { parent: parentContext } : {}) }, async () =>
      resolve.call(this, parent, args, contextValue, info),
    );
  };
}
