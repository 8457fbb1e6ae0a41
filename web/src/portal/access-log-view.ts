import { WhoViewedMyRecordDocument, type EprClient, type WhoViewedMyRecordQuery } from '@epr/client';
import { h, section, ukDateTime } from './dom.js';
import { problemMessage } from './problems.js';

type AccessLog = NonNullable<NonNullable<WhoViewedMyRecordQuery['me']['patient']>['accessLog']>;

const pageSize = 50;

/**
 * Who has looked at her record: when, in which role, for which organisation, what and why — never a name — a
 * page at a time, older pages on request (the API's cursor pagination, as a portal would use it).
 */
export async function accessLogView(client: EprClient): Promise<HTMLElement> {
  const body = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true }, 'Show earlier');
  const status = h('p', { class: 'status', role: 'status' });
  let after: string | null = null;

  async function loadPage(): Promise<void> {
    const answer = await client.request(WhoViewedMyRecordDocument, { first: pageSize, after }).catch((error: Error) => error);
    const log: AccessLog | null | undefined = answer instanceof Error ? undefined : answer.data?.me.patient?.accessLog;
    if (!log) {
      status.textContent = `Could not be loaded: ${problemMessage(answer)}`;
      return;
    }
    body.append(...log.edges.map(({ node }) => row(node)));
    after = log.pageInfo.endCursor ?? null;
    more.hidden = !log.pageInfo.hasNextPage;
    status.textContent = body.childElementCount === 0 ? 'Nobody yet.' : '';
  }

  more.addEventListener('click', () => void loadPage());
  await loadPage();
  return section(
    'access-log',
    'Who has viewed your record',
    h('p', {}, 'Staff are shown by their role and organisation. Your own visits show as “You”.'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, ...['When', 'Who', 'Organisation', 'What', 'Why', 'Outcome'].map((title) => h('th', { scope: 'col' }, title))),
      ),
      body,
    ),
    status,
    more,
  );
}

function row(node: AccessLog['edges'][number]['node']): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('td', {}, ukDateTime(node.occurredAt)),
    h('td', {}, node.role),
    h('td', {}, node.organisation.name),
    h('td', {}, node.what),
    h('td', {}, node.reason ?? ''),
    h('td', {}, node.outcome === 'ALLOWED' ? 'Shown' : 'Refused'),
  );
}
