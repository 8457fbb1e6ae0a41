import type { WhoViewedMyRecordQuery } from '@epr/client';
import { h, section, ukDateTime } from './dom.js';

type AccessLog = NonNullable<NonNullable<WhoViewedMyRecordQuery['me']['patient']>['accessLog']>;

/** Who has looked at her record: when, in which role, for which organisation, what and why. Never a name. */
export function accessLogView(log: AccessLog | null | undefined): HTMLElement {
  const rows = log?.edges ?? [];
  if (rows.length === 0) return section('access-log', 'Who has viewed your record', h('p', { class: 'none' }, 'Nobody yet.'));
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
      h(
        'tbody',
        {},
        ...rows.map(({ node }) =>
          h(
            'tr',
            {},
            h('td', {}, ukDateTime(node.occurredAt)),
            h('td', {}, node.role),
            h('td', {}, node.organisation.name),
            h('td', {}, node.what),
            h('td', {}, node.reason ?? ''),
            h('td', {}, node.outcome === 'ALLOWED' ? 'Shown' : 'Refused'),
          ),
        ),
      ),
    ),
    log?.pageInfo.hasNextPage ? h('p', { class: 'meta' }, `The ${rows.length} most recent are shown.`) : null,
  );
}
