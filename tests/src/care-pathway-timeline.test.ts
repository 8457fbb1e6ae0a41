import { graphql } from './support/gateway-client.js';
import { sqlStatements } from './support/sql-counter.js';
import { demoPatients, tokenOf } from './support/people.js';

// Seeded pathways (tools/src/seed/demo-pathways.ts).
const oliviaCardiology = 'ba7e0000-0000-4000-8000-000000000001';
const jonathanDermatology = 'ba7e0000-0000-4000-8000-000000000003';
const oliviaBennett = demoPatients.olivia.id;

interface TimelineEntry {
  kind: string;
  occurredOn: string;
  clockEffect: string;
  rttStatus: { code: string } | null;
  appointment: { id: string; clinicName: string; startsAt: string; status: string } | null;
  appointmentOutcome: string | null;
  document: { title: string } | null;
}

interface TimelinePage {
  entries: TimelineEntry[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const timelineQuery = `query ($id: ID!, $first: Int, $after: String) {
  pathway(id: $id) {
    specialty
    clockPhase
    timeline(first: $first, after: $after) {
      entries {
        kind occurredOn clockEffect rttStatus { code }
        appointment { id clinicName startsAt status }
        appointmentOutcome document { title }
      }
      endCursor hasNextPage
    }
  }
}`;

async function readTimeline(id: string, first: number, after: string | null = null) {
  const token = await tokenOf('consultant');
  return graphql<{ pathway: { specialty: string; clockPhase: string; timeline: TimelinePage } }>(timelineQuery, {
    token,
    variables: { id, first, after },
  });
}

describe('a pathway timeline through the gateway', () => {
  test('a reporting client reads the ordered events, with the appointment itself resolved from scheduling', async () => {
    const { body } = await readTimeline(oliviaCardiology, 50);
    expect(body.errors).toBeUndefined();
    const { specialty, clockPhase, timeline } = body.data!.pathway;
    expect({ specialty, clockPhase }).toEqual({ specialty: 'Cardiology', clockPhase: 'RUNNING' });
    expect(timeline.entries.map((e) => [e.kind, e.occurredOn, e.clockEffect])).toEqual([
      ['REFERRAL_RECEIVED', '2026-08-03', 'STARTED'],
      ['REFERRAL_ACCEPTED', '2026-08-05', 'NONE'],
      ['APPOINTMENT_OUTCOME', '2026-09-15', 'CONTINUED'],
      ['RTT_STATUS', '2026-09-15', 'CONTINUED'],
      ['DOCUMENT_ADDED', '2026-09-16', 'NONE'],
    ]);
    expect(timeline.entries[2]).toMatchObject({
      appointmentOutcome: 'ATTENDED',
      appointment: {
        id: '9c4e2f70-0000-4000-8000-000000000001',
        clinicName: 'Cardiology new patient clinic',
        startsAt: '2026-09-15T09:30:00.000Z',
        status: 'ATTENDED',
      },
    });
    expect(timeline.entries[3]?.rttStatus).toEqual({ code: '20' });
    expect(timeline.entries[4]?.document).toEqual({ title: 'Clinic letter: cardiology new patient' });
    expect(timeline.hasNextPage).toBe(false);
  });

  test('the timeline is read a page at a time, each page continuing where the last ended', async () => {
    const first = (await readTimeline(oliviaCardiology, 2)).body.data!.pathway.timeline;
    expect(first.entries.map((e) => e.kind)).toEqual(['REFERRAL_RECEIVED', 'REFERRAL_ACCEPTED']);
    expect(first.hasNextPage).toBe(true);
    const second = (await readTimeline(oliviaCardiology, 2, first.endCursor)).body.data!.pathway.timeline;
    expect(second.entries.map((e) => e.kind)).toEqual(['APPOINTMENT_OUTCOME', 'RTT_STATUS']);
    const third = (await readTimeline(oliviaCardiology, 2, second.endCursor)).body.data!.pathway.timeline;
    expect(third.entries.map((e) => e.kind)).toEqual(['DOCUMENT_ADDED']);
    expect(third.hasNextPage).toBe(false);
  });

  test('a nullifying first-appointment DNA shows as status 33 on the timeline', async () => {
    const { body } = await readTimeline(jonathanDermatology, 50);
    expect(body.data!.pathway.clockPhase).toBe('NULLIFIED');
    expect(body.data!.pathway.timeline.entries.at(-1)).toMatchObject({
      kind: 'APPOINTMENT_OUTCOME',
      appointmentOutcome: 'DID_NOT_ATTEND',
      clockEffect: 'NULLIFIED',
      rttStatus: { code: '33' },
      appointment: { clinicName: expect.any(String), status: 'DID_NOT_ATTEND' },
    });
  });

  test.each([
    ['a page size over 200', { first: 201 }, 'first'],
    ['a cursor this API never gave out', { first: 5, after: 'bm90LWEtY3Vyc29y' }, 'after'],
  ])('%s is refused naming the argument', async (_label, variables, field) => {
    const token = await tokenOf('consultant');
    const { body } = await graphql(timelineQuery, { token, variables: { id: oliviaCardiology, ...variables } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  test('an unknown pathway is not found (null), not an error', async () => {
    const { body } = await readTimeline('ba7e0000-0000-4000-8000-0000000000ff', 5);
    expect(body.errors).toBeUndefined();
    expect(body.data!.pathway).toBeNull();
  });

  test('timelines of all a patient’s pathways cost the same number of SQL statements as one', async () => {
    const token = await tokenOf('consultant');
    const costOf = async (query: string) => {
      const before = await sqlStatements('care-pathway');
      const { body } = await graphql(query, { token, variables: { id: oliviaBennett, pathway: oliviaCardiology } });
      expect(body.errors).toBeUndefined();
      return (await sqlStatements('care-pathway')) - before;
    };
    const fields = 'specialty currentPeriod { startedOn } timeline(first: 10) { entries { kind } }';
    const one = await costOf(`query ($pathway: ID!) { pathway(id: $pathway) { ${fields} } }`);
    const all = await costOf(`query ($id: ID!) { patient(id: $id) { pathways { ${fields} } } }`);
    // pathway, clock periods, timeline pages: one statement each, however many pathways.
    expect(all).toBe(one);
  });
});
