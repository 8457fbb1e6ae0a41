import { describe, expect, test } from '@jest/globals';
import { chainHash, chainMessage, type ChainedEvent } from './canonical-event.js';
import { ChainChecker, describeFinding, type ChainPoint } from './chain-check.js';
import { sampleChainedEvent } from './sample-event.js';

const key = Buffer.alloc(32, 7);

/**
 * A chain of `n` events appended the way audit.append_access_events does it; the first `firstInVersion2 - 1`
 * in chained form 1, as before correlation ids existed, the rest in form 2 with a correlation id.
 */
function chain(n: number, requestPrefix = 'request', firstInVersion2 = 1): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash: Buffer = Buffer.alloc(32);
  for (let i = 1; i <= n; i++) {
    const version2 = i >= firstInVersion2;
    const event = sampleChainedEvent({
      seq: BigInt(i),
      occurredAt: new Date(Date.UTC(2026, 10, 24, 9, 0, i)),
      items: [`Problem:${i}`],
      requestId: `${requestPrefix}-${i}`,
      correlationId: version2 ? `client-${i}` : null,
      chainVersion: version2 ? 2 : 1,
      prevHash,
    });
    event.hash = chainHash(key, event);
    prevHash = event.hash;
    events.push(event);
  }
  return events;
}

function headOf(events: ChainedEvent[]): ChainPoint {
  const last = events.at(-1)!;
  return { seq: last.seq, hash: last.hash };
}

function check(events: ChainedEvent[], head: ChainPoint, checkpoint?: ChainPoint, fromCheckpoint = false): string[] {
  const checker = new ChainChecker(key, head, checkpoint, fromCheckpoint);
  for (const event of [...events].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))) checker.push(event);
  return checker.finish().map(describeFinding);
}

describe('security log chain check', () => {
  test('an untouched chain has no findings', () => {
    const events = chain(5);
    expect(check(events, headOf(events))).toEqual([]);
  });

  test('an empty log at its genesis head is intact', () => {
    expect(check([], { seq: 0n, hash: Buffer.alloc(32) })).toEqual([]);
  });

  test('an edited row is named, and its neighbours stay clean', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, userId: 'someone.else' };
    expect(check(events, headOf(events))).toEqual(['row 3 altered: its contents no longer match its hash']);
  });

  test('an edit that also rewrites the row hash is still named once', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, action: 'patient.create', hash: Buffer.alloc(32, 1) };
    expect(check(events, headOf(events))).toEqual(['row 3 altered: its contents no longer match its hash']);
  });

  test('deleted rows show as the gap they leave', () => {
    const events = chain(6);
    const head = headOf(events);
    expect(check([...events.slice(0, 2), ...events.slice(4)], head)).toEqual(['rows 3..4 deleted (a gap in the chain)']);
    expect(check([...events.slice(0, 2), ...events.slice(3)], head)).toEqual(['row 3 deleted (a gap in the chain)']);
  });

  test('rows cut from the end are found against the chain head', () => {
    const events = chain(6);
    expect(check(events.slice(0, 4), headOf(events))).toEqual(['rows 5..6 deleted from the end of the log (the chain head records more)']);
  });

  test('a forged second row with a taken seq is named as inserted, whichever comes first', () => {
    const events = chain(4);
    const forged = { ...events[1]!, userId: 'intruder' };
    expect(check([...events, forged], headOf(events))).toEqual([
      'row 2 inserted: a second row claims seq 2, and it is not the one that was appended',
    ]);
    const checker = new ChainChecker(key, headOf(events));
    for (const event of [events[0]!, forged, events[1]!, events[2]!, events[3]!]) checker.push(event);
    expect(checker.finish().map(describeFinding)).toEqual([
      'row 2 inserted: a second row claims seq 2, and it is not the one that was appended',
    ]);
  });

  test('a row past the chain head was never appended', () => {
    const events = chain(3);
    const forged = { ...events[2]!, seq: 4n, prevHash: events[2]!.hash };
    expect(check([...events, forged], headOf(events))).toEqual(['row 4 inserted: it lies beyond the chain head, so it was never appended']);
  });

  test('an intact row from another chain does not link', () => {
    const events = chain(3);
    const other = chain(3).map((event) => ({ ...event, requestId: 'elsewhere' }));
    let prevHash: Buffer = Buffer.alloc(32, 9);
    for (const event of other) {
      event.prevHash = prevHash;
      event.hash = chainHash(key, event);
      prevHash = event.hash;
    }
    expect(check([events[0]!, other[1]!, events[2]!], headOf(events))).toEqual([
      'row 2 unlinked: intact, but it does not follow row 1 (rows swapped in from elsewhere)',
      'row 3 unlinked: intact, but it does not follow row 2 (rows swapped in from elsewhere)',
    ]);
  });

  test('a moved chain head is caught', () => {
    const events = chain(3);
    expect(check(events, { seq: 3n, hash: Buffer.alloc(32, 5) })).toEqual(['chain head altered: it does not name the hash of row 3']);
  });

  test('a checkpoint exposes a tail cut together with a rewound head', () => {
    const events = chain(5);
    const checkpoint = headOf(events);
    const rewound = events.slice(0, 3);
    expect(check(rewound, headOf(rewound), checkpoint)).toEqual([
      'checkpoint at row 5 no longer holds: the log was rewound or replaced since it was taken',
    ]);
    expect(check(events, headOf(events), { seq: 4n, hash: events[3]!.hash })).toEqual([]);
  });

  test('from a checkpoint, only the rows since it are read, anchored on its hash', () => {
    const events = chain(6);
    const checkpoint = { seq: 3n, hash: events[2]!.hash };
    expect(check(events.slice(2), headOf(events), checkpoint, true)).toEqual([]);
    const edited = events.slice(2).map((event) => (event.seq === 5n ? { ...event, outcome: 'DENIED' } : event));
    expect(check(edited, headOf(events), checkpoint, true)).toEqual(['row 5 altered: its contents no longer match its hash']);
    const replaced = chain(6, 'restored-from-elsewhere');
    expect(check(replaced.slice(2), headOf(events), checkpoint, true)).toContain(
      'checkpoint at row 3 no longer holds: the log was rewound or replaced since it was taken',
    );
  });

  test('the chained form length-prefixes every field, so values cannot shift between fields', () => {
    const [event] = chain(1);
    const shifted = { ...event!, userId: 'dr.amelia.hartrp-hart-rx1', roleProfileId: '' };
    expect(chainMessage(shifted).equals(chainMessage(event!))).toBe(false);
    expect(chainMessage(event!).toString()).toContain('14:dr.amelia.hart11:rp-hart-rx1');
  });

  test('rows chained before correlation ids (form 1) still verify beside newer ones (form 2)', () => {
    const events = chain(6, 'request', 4);
    expect(events.map((event) => event.chainVersion)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(check(events, headOf(events))).toEqual([]);
  });

  test('the correlation id is chained, and a row cannot be passed off in the other form', () => {
    const events = chain(6, 'request', 4);
    const edited = events.map((event) => {
      if (event.seq === 2n) return { ...event, correlationId: 'added-later' };
      if (event.seq === 4n) return { ...event, correlationId: 'someone-else' };
      if (event.seq === 5n) return { ...event, chainVersion: 1 };
      if (event.seq === 6n) return { ...event, correlationId: null };
      return event;
    });
    expect(check(edited, headOf(events))).toEqual([
      'row 2 altered: its contents no longer match its hash',
      'row 4 altered: its contents no longer match its hash',
      'row 5 altered: its contents no longer match its hash',
      'row 6 altered: its contents no longer match its hash',
    ]);
  });
});
