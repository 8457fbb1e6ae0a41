import type { SessionDoor } from '../http/session.js';
import type { RequestBudgets } from './request-budgets.js';
import { answerRateLimited } from './refusal.js';
import { rateLimitRefusals } from '../telemetry/gateway-metrics.js';

/**
 * The session door with rate limits around it: an address that keeps failing to sign in is refused before its
 * token is even checked (checking costs a signature verification), a token already verified whose session or user
 * has nothing left is refused before it is verified again, and any session or user with nothing left of its
 * allowance is refused before its request is read. Both are 429 with Retry-After; the cost of the
 * operation itself is charged once it is known (see the cost listener in gateway-server.ts).
 */
export function rateLimitedDoor(door: SessionDoor, budgets: RequestBudgets): SessionDoor {
  return {
    async open(req, res, refuse) {
      const address = req.socket.remoteAddress ?? 'unknown';
      const signInBlocked = budgets.signInBlocked(address);
      const blocked = signInBlocked ?? budgets.refuseBeforeSignIn(req.headers.authorization);
      if (blocked) {
        rateLimitRefusals.inc({ stage: signInBlocked ? 'sign_in' : 'spent' });
        return void answerRateLimited(res, blocked, refuse);
      }
      const context = await door.open(req, res, refuse);
      if (!context) {
        if (res.statusCode === 401) budgets.signInFailed(address);
        return undefined;
      }
      if (req.headers.authorization) budgets.signedIn(req.headers.authorization, context.caller);
      const refused = budgets.admit(context.caller);
      if (refused) {
        rateLimitRefusals.inc({ stage: 'spent' });
        context.logger.info({ userId: context.caller.userId, retryAfter: refused.retryAfterSeconds }, 'request refused: rate limited');
        return void answerRateLimited(res, refused, refuse);
      }
      return context;
    },
  };
}
