import { createHmac } from 'node:crypto';

/** A row of audit.access_event as the verifier reads it. */
export interface ChainedEvent {
  seq: bigint;
  occurredAt: Date;
  subgraph: string;
  action: string;
  outcome: string;
  userId: string;
  roleProfileId: string;
  jobRoleCode: string;
  organisation: string;
  cardSerial: string | null;
  sessionId: string | null;
  patientId: string | null;
  category: string | null;
  items: (string | null)[] | null;
  basisKind: string | null;
  basisDetail: string | null;
  requestId: string;
  correlationId: string | null;
  /** Who alone may see the row (care team and user ids); null for everyone. */
  visibleTo: (string | null)[] | null;
  /** Which chained form the row's hash covers: 1 (rows from before correlation ids), 2, or 3 (with visibleTo). */
  chainVersion: number;
  prevHash: Buffer;
  hash: Buffer;
}

/**
 * The form of an event that is hashed, computed independently of the database: it must equal
 * audit.chain_message() (prisma/audit/migrations/…_correlation_id) byte for byte. Each field is
 * "<UTF-8 byte length>:<text>" or "~" for null, so no value can pass for another however it is split. The
 * row's version is in its label; version 2 adds the correlation id and version 3 who may see the row, so rows
 * chained before either still verify.
 */
export function chainMessage(event: ChainedEvent): Buffer {
  const items = event.items === null ? null : event.items.map(field).join('');
  const visibleTo = event.visibleTo === null ? null : event.visibleTo.map(field).join('');
  const fields = [
    `epr-audit-v${event.chainVersion}`,
    event.seq.toString(),
    event.occurredAt.toISOString(),
    event.subgraph,
    event.action,
    event.outcome,
    event.userId,
    event.roleProfileId,
    event.jobRoleCode,
    event.organisation,
    event.cardSerial,
    event.sessionId,
    event.patientId,
    event.category,
    items,
    event.basisKind,
    event.basisDetail,
    event.requestId,
    // A form-1 row never had a correlation id: one added later is hashed too, so the row no longer matches.
    ...(event.chainVersion >= 2 || event.correlationId !== null ? [event.correlationId] : []),
    // Likewise visibility, added in form 3.
    ...(event.chainVersion >= 3 || event.visibleTo !== null ? [visibleTo] : []),
  ];
  return Buffer.from(fields.map(field).join(''), 'utf8');
}

/** hash = HMAC-SHA256(key, prev_hash || chain message): what the row's hash must be if nobody touched it. */
export function chainHash(key: Buffer, event: ChainedEvent): Buffer {
  return createHmac('sha256', key).update(event.prevHash).update(chainMessage(event)).digest();
}

function field(value: string | null): string {
  return value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}
