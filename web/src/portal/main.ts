import { createEprClient, MyRecordSummaryDocument } from '@epr/client';
import { keepSessionToken, sessionToken } from '../session-token.js';
import { h } from './dom.js';
import { recordView } from './record-view.js';
import { accessLogView } from './access-log-view.js';
import { consentView, nominationsView } from './consent-view.js';
import { problemMessage, sessionEnded } from './problems.js';

/*
 * The reference patient portal: what a patient sees of her own record through the API, built only with the
 * typed client. Her record is found from her session (`me.patient`): the page never takes a patient id, so
 * there is no address that could show anyone else's record.
 */
const tokenKey = 'epr.portal.token';
const root = document.getElementById('portal')!;
let token = sessionToken(tokenKey);
// Served at <gateway>/portal/; GraphQL is at <gateway>/graphql.
const client = createEprClient({ url: new URL('../graphql', window.location.href).toString(), token: () => token });

function signIn(reason?: string): void {
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const form = h(
    'form',
    { class: 'sign-in' },
    h('label', { for: 'token' }, 'Session token'),
    input,
    h('button', { type: 'submit' }, 'Show my record'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    token = input.value.trim() || undefined;
    keepSessionToken(tokenKey, token);
    void show();
  });
  root.replaceChildren(
    h('h1', {}, 'Sign in to see your record'),
    ...(reason ? [h('p', { class: 'problem', role: 'alert' }, reason)] : []),
    h(
      'p',
      {},
      'A real portal signs you in with NHS login and hands the session over as #token=… in this page’s address. ',
      'Locally, open the portal link `npm start` printed, or paste a token from `npm run -s token -- --user olivia.bennett --role rp-bennett-portal`.',
    ),
    form,
  );
}

async function show(): Promise<void> {
  if (!token) return signIn();
  const summary = await client.request(MyRecordSummaryDocument).catch((error: Error) => error);
  if (summary instanceof Error) {
    root.replaceChildren(h('p', { class: 'problem', role: 'alert' }, `Your record could not be loaded: ${problemMessage(summary)}`));
    return;
  }
  if (sessionEnded(summary)) {
    token = undefined;
    keepSessionToken(tokenKey, undefined);
    return signIn(`Your session has ended (${problemMessage(summary)}). Sign in again.`);
  }
  const patient = summary.data?.me.patient;
  if (!patient) {
    const reason = summary.data ? 'This session is not linked to a patient record: the portal is for patients.' : problemMessage(summary);
    root.replaceChildren(h('p', { class: 'problem', role: 'alert' }, reason));
    return;
  }
  root.replaceChildren(
    h('h1', {}, `${patient.name.given} ${patient.name.family}`),
    ...recordView(patient),
    await accessLogView(client),
    consentView(patient, client),
    nominationsView(patient, client, show),
  );
}

void show();
