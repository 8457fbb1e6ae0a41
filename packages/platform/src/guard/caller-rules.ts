import { allow, rule } from 'graphql-shield';
import type { Activity } from '@epr/policy';
import type { ShieldRule } from './shield-rule.js';
import type { SubgraphContext } from '../context.js';

/** Any caller the gateway vouched for (a user, the gateway itself, another subgraph): for entity keys. */
export const allowAnyCaller: ShieldRule = allow;

/** A person signed in through the gateway, working in their selected role. */
export const isUserSession: ShieldRule = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: SubgraphContext) => ctx.caller.kind === 'user',
);

/** The gateway calling for itself (e.g. to check a session's role profile against the directory). */
export const isGatewaySystem: ShieldRule = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: SubgraphContext) => ctx.caller.kind === 'system',
);

// One rule object per name: shield refuses two different rules under the same name in one schema.
const named = new Map<string, ShieldRule>();

function once(name: string, make: () => ShieldRule): ShieldRule {
  let found = named.get(name);
  if (!found) named.set(name, (found = make()));
  return found;
}

/** Another subgraph calling in its own name with its own key (e.g. `isTrustedService('scheduling')`). */
export function isTrustedService(service: string): ShieldRule {
  return once(`isTrustedService:${service}`, () =>
    rule(`isTrustedService:${service}`, { cache: 'contextual' })(
      (_parent, _args, ctx: SubgraphContext) => ctx.caller.kind === 'service' && ctx.caller.userId === service,
    ),
  );
}

/** Role only: does the caller's job role hold any one of these activities? */
export function canAny(activities: readonly Activity[]): ShieldRule {
  const name = `can:${[...activities].sort().join('|')}`;
  return once(name, () =>
    rule(name, { cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
      activities.some((activity) => ctx.policy.holds(activity)),
    ),
  );
}
