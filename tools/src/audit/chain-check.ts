import { chainHash, type ChainedEvent } from './canonical-event.js';

/** The end of the chain as audit.chain_head records it, or a checkpoint kept outside the database. */
export interface ChainPoint {
  seq: bigint;
  hash: Buffer;
}

export type ChainFinding =
  /** The row's contents (or its hash) are not what was appended. */
  | { kind: 'altered'; seq: bigint }
  /** No row holds these sequence numbers: they were deleted (atEnd: cut from the end of the log). */
  | { kind: 'deleted'; from: bigint; to: bigint; atEnd: boolean }
  /** A row that was never appended: a second row with a taken seq, or one past the chain head. */
  | { kind: 'inserted'; seq: bigint; reason: 'duplicate' | 'beyond-head' }
  /** The row is intact but does not follow the row before it (rows were swapped in from elsewhere). */
  | { kind: 'unlinked'; seq: bigint }
  /** The chain head does not name the last row's hash. */
  | { kind: 'head'; seq: bigint }
  /** The row a checkpoint outside the database recorded is gone or different: the log was rewound or replaced. */
  | { kind: 'checkpoint'; seq: bigint };

/**
 * Checks the security log's hash chain as its rows stream past in seq order, in constant memory. Each row is
 * judged on its own (does HMAC(key, prev_hash || row) equal its hash?) and against its neighbour (does its
 * prev_hash equal the previous row's hash?), which is what tells an edited row from a deleted or inserted one.
 */
export class ChainChecker {
  readonly findings: ChainFinding[] = [];
  events = 0;
  private expected = 1n;
  private previous: { hash: Buffer; authentic: boolean } = { hash: Buffer.alloc(32), authentic: true };
  private group: ChainedEvent[] = [];
  private headRowHash: Buffer | null = null;

  /**
   * `checkpoint`: a head verified earlier, whose row must still be there unchanged. With `fromCheckpoint`
   * the rows before it are taken as verified then, and the check starts at the checkpoint's row.
   */
  constructor(
    private readonly key: Buffer,
    private readonly head: ChainPoint,
    private readonly checkpoint?: ChainPoint,
    fromCheckpoint = false,
  ) {
    if (checkpoint && fromCheckpoint) {
      this.expected = checkpoint.seq;
      // The row before the checkpoint is not read, so the checkpoint row's link is vouched for by its hash alone.
      this.previous = { hash: Buffer.alloc(0), authentic: false };
    }
  }

  push(event: ChainedEvent): void {
    this.events += 1;
    if (this.group.length > 0 && this.group[0]!.seq !== event.seq) this.settle();
    this.group.push(event);
  }

  finish(): ChainFinding[] {
    if (this.group.length > 0) this.settle();
    if (this.expected <= this.head.seq) {
      this.findings.push({ kind: 'deleted', from: this.expected, to: this.head.seq, atEnd: true });
    } else if (this.head.seq > 0n && this.headRowHash && !this.headRowHash.equals(this.head.hash)) {
      this.findings.push({ kind: 'head', seq: this.head.seq });
    }
    if (this.checkpoint && this.checkpoint.seq > this.head.seq) this.findings.push({ kind: 'checkpoint', seq: this.checkpoint.seq });
    return this.findings;
  }

  /** Judges the rows that claim one seq: at most one of them can be the row that was appended. */
  private settle(): void {
    const rows = this.group;
    this.group = [];
    const seq = rows[0]!.seq;
    if (seq > this.head.seq || seq < this.expected) {
      for (const _ of rows) this.findings.push({ kind: 'inserted', seq, reason: seq > this.head.seq ? 'beyond-head' : 'duplicate' });
      return;
    }
    const gap = seq > this.expected;
    if (gap) this.findings.push({ kind: 'deleted', from: this.expected, to: seq - 1n, atEnd: false });
    const authentic = rows.map((row) => chainHash(this.key, row).equals(row.hash));
    const follows = (row: ChainedEvent) => gap || !this.previous.authentic || row.prevHash.equals(this.previous.hash);
    let original = rows.findIndex((row, i) => authentic[i] && follows(row));
    if (original < 0) original = Math.max(0, authentic.indexOf(true));
    rows.forEach((_, i) => i !== original && this.findings.push({ kind: 'inserted', seq, reason: 'duplicate' }));

    const row = rows[original]!;
    if (!authentic[original]) this.findings.push({ kind: 'altered', seq });
    else if (!follows(row)) this.findings.push({ kind: 'unlinked', seq });
    if (this.checkpoint?.seq === seq && !row.hash.equals(this.checkpoint.hash)) this.findings.push({ kind: 'checkpoint', seq });
    if (seq === this.head.seq) this.headRowHash = row.hash;
    this.previous = { hash: row.hash, authentic: authentic[original]! };
    this.expected = seq + 1n;
  }
}

/** A finding as a line an operator can act on. */
export function describeFinding(finding: ChainFinding): string {
  switch (finding.kind) {
    case 'altered':
      return `row ${finding.seq} altered: its contents no longer match its hash`;
    case 'deleted': {
      const rows = finding.from === finding.to ? `row ${finding.from}` : `rows ${finding.from}..${finding.to}`;
      return `${rows} deleted${finding.atEnd ? ' from the end of the log (the chain head records more)' : ' (a gap in the chain)'}`;
    }
    case 'inserted':
      return finding.reason === 'duplicate'
        ? `row ${finding.seq} inserted: a second row claims seq ${finding.seq}, and it is not the one that was appended`
        : `row ${finding.seq} inserted: it lies beyond the chain head, so it was never appended`;
    case 'unlinked':
      return `row ${finding.seq} unlinked: intact, but it does not follow row ${finding.seq - 1n} (rows swapped in from elsewhere)`;
    case 'head':
      return `chain head altered: it does not name the hash of row ${finding.seq}`;
    case 'checkpoint':
      return `checkpoint at row ${finding.seq} no longer holds: the log was rewound or replaced since it was taken`;
  }
}
