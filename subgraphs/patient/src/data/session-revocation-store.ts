import type { Db } from './prisma.js';

export interface SessionRevocationRecord {
  sessionId: string;
  userId: string;
  revokedAt: Date;
  revokedBy: string;
}

const columns = { sessionId: true, userId: true, revokedAt: true, revokedBy: true } as const;

/** Sessions ended before their tokens expired (sign-out, or a directory manager), which the gateway must refuse. */
export class SessionRevocationStore {
  constructor(private readonly db: Db) {}

  /** Revokes the session; revoking it again changes nothing and answers the first revocation. */
  async revoke(revocation: {
    userId: string;
    sessionId: string;
    revokedBy: string;
    reason: string | null;
  }): Promise<SessionRevocationRecord> {
    const { userId, sessionId } = revocation;
    return this.db.sessionRevocation.upsert({
      where: { userId_sessionId: { userId, sessionId } },
      create: revocation,
      update: {},
      select: columns,
    });
  }

  /** The user's sessions revoked at or after `since`, in one indexed statement. */
  async revokedSince(userId: string, since: Date): Promise<string[]> {
    const rows = await this.db.sessionRevocation.findMany({ where: { userId, revokedAt: { gte: since } }, select: { sessionId: true } });
    return rows.map((row) => row.sessionId);
  }
}
