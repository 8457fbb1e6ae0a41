import { randomUUID } from 'node:crypto';
import { graphql, tokenFor } from './support/gateway-client.js';
import { demoPatients, people, tokenOf } from './support/people.js';

/*
 * The request id is the gateway's: it is what `x-request-id` returns and what the security log stores, whatever a
 * client sends. A client's own `x-request-id` is kept beside it as a correlation id — stored and filterable, but
 * never able to make two users' requests share one request id.
 */
const oliviaBennett = demoPatients.olivia.id;
const readPatient = `query ($id: ID!) { patient(id: $id) { nhsNumber } }`;

interface LoggedEvent {
  userId: string;
  requestId: string;
  correlationId: string | null;
}

async function eventsWhere(filter: Record<string, string>): Promise<LoggedEvent[]> {
  const { body } = await graphql<{ accessEvents: { edges: { node: LoggedEvent }[] } }>(
    `
      query ($filter: AccessEventFilter) {
        accessEvents(filter: $filter, first: 50) {
          edges {
            node {
              userId
              requestId
              correlationId
            }
          }
        }
      }
    `,
    { token: await tokenOf('privacyOfficer'), variables: { filter } },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.accessEvents.edges.map((edge) => edge.node);
}

describe('request ids', () => {
  const clientId = `client-trace-${randomUUID()}`;
  let hart: { requestId: string; correlationId: string | null };
  let lee: { requestId: string; correlationId: string | null };

  beforeAll(async () => {
    const send = async (user: string, role: string) => {
      const { body, headers } = await graphql(readPatient, {
        token: await tokenFor(user, role),
        variables: { id: oliviaBennett },
        headers: { 'x-request-id': clientId },
      });
      expect(body.errors).toBeUndefined();
      return { requestId: headers.get('x-request-id')!, correlationId: headers.get('x-correlation-id') };
    };
    hart = await send(people.consultant.userId, people.consultant.roleProfileId);
    lee = await send(people.gp.userId, people.gp.roleProfileId);
  });

  test('two users sending the same x-request-id get request ids of their own, and their id back as the correlation id', () => {
    expect(hart.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lee.requestId).not.toBe(hart.requestId);
    expect([hart.requestId, lee.requestId]).not.toContain(clientId);
    expect([hart.correlationId, lee.correlationId]).toEqual([clientId, clientId]);
  });

  test("both users' events carry the correlation id, each under its own request id", async () => {
    const events = await eventsWhere({ correlationId: clientId });
    expect(new Set(events.map((e) => `${e.userId} ${e.requestId} ${e.correlationId}`))).toEqual(
      new Set([`dr.amelia.hart ${hart.requestId} ${clientId}`, `gp.david.lee ${lee.requestId} ${clientId}`]),
    );
  });

  test("a request id finds one request's events only", async () => {
    const events = await eventsWhere({ requestId: hart.requestId });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.userId === people.consultant.userId && e.correlationId === clientId)).toBe(true);
  });

  test('without an x-request-id the gateway still names the request, and there is no correlation id', async () => {
    const { body, headers } = await graphql(readPatient, {
      token: await tokenOf('consultant'),
      variables: { id: oliviaBennett },
    });
    expect(body.errors).toBeUndefined();
    expect(headers.get('x-correlation-id')).toBeNull();
    const events = await eventsWhere({ requestId: headers.get('x-request-id')! });
    expect(events.map((e) => e.correlationId)).toEqual(events.map(() => null));
    expect(events.length).toBeGreaterThan(0);
  });

  test.each([
    ['too long', 'x'.repeat(65)],
    ['with a space', 'trace 42'],
    ['with a newline escape attempt', 'trace%0d%0aforged: yes'],
    ['with characters outside the allowed set', 'trace/42'],
  ])('an x-request-id %s is refused with 400 naming the header, and nothing is read', async (_label, id) => {
    const { status, body } = await graphql(readPatient, {
      token: await tokenOf('consultant'),
      variables: { id: oliviaBennett },
      headers: { 'x-request-id': id },
    });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', field: 'x-request-id' });
    expect(await eventsWhere({ correlationId: id.slice(0, 64) })).toEqual([]);
  });

  test('64 characters is the longest accepted', async () => {
    const id = `${randomUUID()}-${'y'.repeat(27)}`;
    expect(id).toHaveLength(64);
    const { status, headers } = await graphql(readPatient, {
      token: await tokenOf('consultant'),
      variables: { id: oliviaBennett },
      headers: { 'x-request-id': id },
    });
    expect(status).toBe(200);
    expect(headers.get('x-correlation-id')).toBe(id);
    expect((await eventsWhere({ correlationId: id })).length).toBeGreaterThan(0);
  });
});
