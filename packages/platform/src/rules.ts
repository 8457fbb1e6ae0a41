import { allow, deny, shield } from 'graphql-shield';
import { applyMiddleware } from 'graphql-middleware';
import { readFileSync } from 'node:fs';
import { parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { SubgraphContext } from './context.js';
import { forbidden, isPublicError } from './errors.js';
import { benchmarkSwitch } from './benchmark-switches.js';
import { mutationScopeMiddleware } from './writes/mutation-scope.js';
import { deriveFieldRules, locatePatient, type FieldRules, type PatientLocators } from './guard/field-rules.js';
import { guardInputs, platformScalars } from './input-hygiene/index.js';
import { spanWorthyFields, traceResolvers } from './telemetry/tracing-plugin.js';
import { tracingEnabled } from './telemetry/tracing.js';

/**
 * The federation plumbing every subgraph must expose for the gateway to plan and join. `_entities` only
 * dispatches to `__resolveReference`; the entity's own fields and its guarded service decide what is returned.
 */
const federationRules: FieldRules = {
  Query: { _entities: allow, _service: allow },
  _Service: { sdl: allow },
};

/**
 * Wraps a subgraph schema in graphql-shield, deny by default: a field without a rule is refused. With
 * `allowExternalErrors: false` shield hands every error thrown below it to `fallbackError`: a denial (null)
 * becomes FORBIDDEN and is recorded, an error we raised on purpose (BAD_USER_INPUT, CONFLICT, ...) passes
 * unchanged, and anything else becomes a bare internal error whose details are logged, never returned.
 */
export function protectSchema(schema: GraphQLSchema, rules: FieldRules, patientOf: PatientLocators = {}): GraphQLSchema {
  if (benchmarkSwitch('EPR_BENCHMARK_DISABLE_RULES')) return schema;
  const permissions = shield(mergeRules(federationRules, rules), {
    fallbackRule: deny,
    fallbackError: (thrown, parent, _args, ctx, info) => {
      if (thrown === null || thrown === undefined) {
        recordRefusal(ctx as unknown as SubgraphContext, patientOf, parent, info);
        return forbidden();
      }
      if (isPublicError(thrown)) return thrown;
      (ctx as unknown as SubgraphContext).logger.error({ err: thrown }, 'resolver failed');
      return new Error('Internal server error');
    },
    allowExternalErrors: false,
    debug: false,
  });
  // Writes under a mutation field know which one they serve (idempotency keys are kept per field).
  return schema.getMutationType() ? applyMiddleware(schema, permissions, mutationScopeMiddleware) : applyMiddleware(schema, permissions);
}

/**
 * A field refused by its rule is a decision like any other, so it goes to the audit trail — with the patient
 * its parent object belongs to, when the type can name one.
 */
function recordRefusal(ctx: SubgraphContext, patientOf: PatientLocators, parent: unknown, info: GraphQLResolveInfo): void {
  if (!ctx?.audit) return;
  ctx.audit.record({
    action: 'field.read',
    outcome: 'DENIED',
    patientId: locatePatient(patientOf, info.parentType.name, parent),
    items: [`${info.parentType.name}.${info.fieldName}`],
    basis: { kind: 'DECISION', detail: 'role_lacks_activity' },
  });
}

function mergeRules(a: FieldRules, b: FieldRules): FieldRules {
  const out: FieldRules = { ...b };
  for (const [type, fields] of Object.entries(a)) out[type] = { ...fields, ...out[type] };
  return out;
}

/**
 * A subgraph's executable schema: its SDL file (from the repo's schema/ folder, the contract the supergraph is
 * composed from), its resolvers with the platform's scalars, the shield rules derived from the SDL's `@guard`
 * classification, and every input checked before anything else runs. A field without a class, or a
 * patient-bound field whose type cannot name its patient, stops the subgraph at start-up.
 */
export function buildProtectedSubgraphSchema(sdlFile: URL, resolvers: unknown, patientOf: PatientLocators): GraphQLSchema {
  const scalars = Object.fromEntries(platformScalars.map((scalar) => [scalar.name, scalar]));
  const typeDefs = parse(readFileSync(sdlFile, 'utf8'));
  const own = resolvers as GraphQLResolverMap<unknown>;
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: { ...scalars, ...(tracingEnabled() ? traceResolvers(own, spanWorthyFields(buildSubgraphSchema({ typeDefs }))) : own) },
  });
  const { rules, problems } = deriveFieldRules(schema, patientOf);
  if (problems.length > 0) throw new Error(`The schema in ${sdlFile.pathname} is not fully guarded:\n  ${problems.join('\n  ')}`);
  return guardInputs(protectSchema(schema, rules, patientOf));
}
