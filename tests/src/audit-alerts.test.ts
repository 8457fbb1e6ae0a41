import { graphql, tokenFor } from './support/gateway-client.js';
import type { GraphQLEnumType } from 'graphql';
import { alertKinds, alertingActions } from '@epr/policy';
import { apiSchema } from './support/supergraph-walk.js';
import { appendAsSubgraph, event, withDatabase } from './support/security-log.js';
import { demoPatients, people } from './support/people.js';

const privacyOfficer = { user: people.privacyOfficer.userId, role: people.privacyOfficer.roleProfileId };
const georgeMcAllister = demoPatients.george.id;

const alertsQuery = `query ($status: [AlertStatus!]) {
  accessAlerts(status: $status, first: 50) {
    edges { node { id kind status raisedAt event { action userId organisation patient { id } basis { kind detail } requestId } } }
  }
}`;

async function officer<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) {
  return graphql<T>(query, { token: await tokenFor(privacyOfficer.user, privacyOfficer.role), variables });
}

describe('alerts for the privacy officer', () => {
  test('emergency access, seal overrides and self-claimed relationships raise alerts; ordinary reads do not', async () => {
    const emergency = event({
      action: 'emergency.access',
      patient_id: georgeMcAllister,
      basis_kind: 'EMERGENCY',
      basis_detail: 'Unconscious in ED',
    });
    const seal = event({
      action: 'seal.override',
      patient_id: georgeMcAllister,
      basis_kind: 'SEAL_OVERRIDE',
      basis_detail: 'Safeguarding review',
    });
    const claim = event({
      action: 'relationship.self_claim',
      patient_id: georgeMcAllister,
      basis_kind: 'RELATIONSHIP',
      basis_detail: 'SELF_CLAIMED',
    });
    const read = event({ patient_id: georgeMcAllister });
    await appendAsSubgraph([emergency, seal, claim, read]);

    const { body } = await officer(alertsQuery, { status: ['OPEN'] });
    expect(body.errors).toBeUndefined();
    const open = body.data!['accessAlerts'].edges.map((edge: any) => edge.node);
    const mine = open.filter((alert: any) => [emergency, seal, claim, read].some((e) => e.request_id === alert.event.requestId));
    expect(mine.map((alert: any) => alert.kind).sort()).toEqual(['EMERGENCY_ACCESS', 'SEAL_OVERRIDE', 'SELF_CLAIMED_RELATIONSHIP']);
    expect(mine.find((alert: any) => alert.kind === 'EMERGENCY_ACCESS')).toMatchObject({
      status: 'OPEN',
      event: {
        action: 'emergency.access',
        userId: people.consultant.userId,
        organisation: 'RX1',
        patient: { id: georgeMcAllister },
        basis: { kind: 'EMERGENCY', detail: 'Unconscious in ED' },
      },
    });
  });

  test('acknowledge, then close with a conclusion; each step only once', async () => {
    const emergency = event({
      action: 'emergency.access',
      patient_id: georgeMcAllister,
      basis_kind: 'EMERGENCY',
      basis_detail: 'Collapsed in clinic',
    });
    await appendAsSubgraph([emergency]);
    const listed = await officer(alertsQuery, { status: ['OPEN'] });
    const alert = listed.body
      .data!['accessAlerts'].edges.map((edge: any) => edge.node)
      .find((a: any) => a.event.requestId === emergency.request_id);

    const acknowledge = `mutation ($id: ID!) { acknowledgeAccessAlert(id: $id) { status acknowledgedBy acknowledgedAt } }`;
    const acknowledged = await officer(acknowledge, { id: alert.id });
    expect(acknowledged.body.data!['acknowledgeAccessAlert']).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedBy: privacyOfficer.user,
    });
    const again = await officer(acknowledge, { id: alert.id });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });

    const close = `mutation ($input: CloseAccessAlertInput!) { closeAccessAlert(input: $input) { status conclusion closingNote closedBy } }`;
    const tooShort = await officer(close, { input: { id: alert.id, conclusion: 'APPROPRIATE', note: 'ok' } });
    expect(tooShort.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
    const note = 'Patient collapsed in clinic; emergency access was appropriate.';
    const closed = await officer(close, { input: { id: alert.id, conclusion: 'APPROPRIATE', note } });
    expect(closed.body.data!['closeAccessAlert']).toEqual({
      status: 'CLOSED',
      conclusion: 'APPROPRIATE',
      closingNote: note,
      closedBy: privacyOfficer.user,
    });
    const reopen = await officer(close, { input: { id: alert.id, conclusion: 'INAPPROPRIATE', note: 'Changing my mind after the fact.' } });
    expect(reopen.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('already closed') });

    const unknown = await officer(acknowledge, { id: '999999999' });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('which actions raise alerts', () => {
  test('the database raises exactly the alerts the typed list of audit actions names', async () => {
    const rules = await withDatabase((client) =>
      client.query<{ action: string; kind: string }>('SELECT action, kind FROM audit.alert_rule'),
    );
    const inDatabase = rules.rows.map((rule) => [rule.action, rule.kind]).sort();
    expect(inDatabase).toEqual([...alertingActions()].sort());
  });

  test('the API names every kind of alert the list can raise', () => {
    const kinds = (apiSchema().getType('AlertKind') as GraphQLEnumType).getValues().map((value) => value.name);
    expect(kinds.sort()).toEqual([...alertKinds].sort());
  });

  test('every action in the list raises its alert when allowed, and none when refused', async () => {
    for (const [action, kind] of alertingActions()) {
      const allowed = event({ action, patient_id: georgeMcAllister, basis_kind: 'ROLE' });
      const refused = event({ action, outcome: 'DENIED', patient_id: georgeMcAllister, basis_kind: 'DECISION' });
      await appendAsSubgraph([allowed, refused]);
      const { body } = await officer<{ accessAlerts: { edges: { node: { kind: string; event: { requestId: string } } }[] } }>(alertsQuery, {
        status: ['OPEN'],
      });
      const raised = body
        .data!.accessAlerts.edges.map((e) => e.node)
        .filter((n) => [allowed.request_id, refused.request_id].includes(n.event.requestId));
      expect(raised.map((n) => n.kind)).toEqual([kind]);
    }
  });
});
