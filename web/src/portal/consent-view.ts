import { NominateItemViewersDocument, UpdateMyConsentDocument, type ClinicalItemKind, type EprClient } from '@epr/client';
import { h, section } from './dom.js';
import type { MyRecord } from './record-view.js';
import { problemMessage } from './problems.js';

/** Her sharing choices, each a switch saved as soon as it is changed. */
export function consentView(patient: MyRecord, client: EprClient): HTMLElement {
  const consent = patient.consent ?? { doNotShare: false, nationalOptOut: false };
  return section(
    'sharing',
    'Your sharing choices',
    consentSwitch(client, {
      id: 'do-not-share',
      choice: 'doNotShare',
      label: 'Do not share my record outside the organisation that recorded it',
      hint: 'Staff at other hospitals and practices will not see what was recorded elsewhere. The team that recorded something always keeps it.',
      checked: consent.doNotShare,
    }),
    consentSwitch(client, {
      id: 'national-opt-out',
      choice: 'nationalOptOut',
      label: 'National data opt-out: do not use my data for research and planning',
      hint: 'Your data is left out of reports. It is still used to care for you.',
      checked: consent.nationalOptOut,
    }),
  );
}

function consentSwitch(
  client: EprClient,
  the: { id: string; choice: 'doNotShare' | 'nationalOptOut'; label: string; hint: string; checked: boolean },
): HTMLElement {
  const input = h('input', { type: 'checkbox', id: the.id, name: the.choice, 'aria-describedby': `${the.id}-hint ${the.id}-status` });
  input.checked = the.checked;
  const status = h('span', { id: `${the.id}-status`, class: 'status', role: 'status' });
  input.addEventListener('change', async () => {
    const wanted = input.checked;
    input.disabled = true;
    status.textContent = 'Saving…';
    const answer = await client.request(UpdateMyConsentDocument, { choices: { [the.choice]: wanted } }).catch((error: Error) => error);
    input.disabled = false;
    if (answer instanceof Error || !answer.data) {
      input.checked = !wanted;
      status.textContent = `Not saved: ${problemMessage(answer)}`;
      return;
    }
    input.checked = answer.data.updateMyConsent[the.choice];
    status.textContent = 'Saved';
  });
  return h(
    'div',
    { class: 'choice' },
    input,
    h('label', { for: the.id }, the.label),
    h('p', { id: `${the.id}-hint`, class: 'hint' }, the.hint),
    status,
  );
}

interface Item {
  kind: ClinicalItemKind;
  id: string;
  title: string;
}

/** Per item: who she has allowed to see it, and a form to change that. */
export function nominationsView(patient: MyRecord, client: EprClient, refresh: () => Promise<void>): HTMLElement {
  const items: Item[] = [
    ...(patient.problems ?? []).map((p) => ({ kind: 'PROBLEM' as const, id: p.id, title: p.code.term })),
    ...(patient.allergies ?? []).map((a) => ({ kind: 'ALLERGY' as const, id: a.id, title: `Allergy: ${a.substance.term}` })),
    ...(patient.medications ?? []).map((m) => ({ kind: 'MEDICATION' as const, id: m.id, title: m.medicine.term })),
  ];
  const nominated = new Map((patient.nominations ?? []).map((n) => [`${n.kind}:${n.itemId}`, n.viewers]));
  return section(
    'nominations',
    'Who may see each item',
    h('p', {}, 'You can make an item visible only to staff you name (by their user id); the team that recorded it keeps it.'),
    items.length === 0
      ? h('p', { class: 'none' }, 'Your record has no items yet.')
      : h(
          'ul',
          { class: 'nominations' },
          ...items.map((item) => nominationForm(item, nominated.get(`${item.kind}:${item.id}`) ?? [], client, refresh)),
        ),
  );
}

function nominationForm(
  item: Item,
  viewers: readonly { id: string; displayName: string }[],
  client: EprClient,
  refresh: () => Promise<void>,
) {
  const inputId = `nominate-${item.id}`;
  const input = h('input', {
    id: inputId,
    type: 'text',
    value: viewers.map((v) => v.id).join(', '),
    placeholder: 'for example gp.david.lee',
  });
  const status = h('span', { class: 'status', role: 'status' });
  const form = h(
    'form',
    {},
    h('label', { for: inputId }, 'Only these staff (user ids, comma-separated; empty: everyone involved in your care)'),
    input,
    h('button', { type: 'submit' }, 'Save'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const userIds = input.value
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    status.textContent = 'Saving…';
    const answer = await client
      .request(NominateItemViewersDocument, { kind: item.kind, itemId: item.id, userIds })
      .catch((error: Error) => error);
    if (answer instanceof Error || !answer.data) {
      status.textContent = `Not saved: ${problemMessage(answer)}`;
      return;
    }
    await refresh();
  });
  return h(
    'li',
    { 'data-item': `${item.kind}:${item.id}` },
    h('p', { class: 'item-title' }, item.title),
    h(
      'p',
      { class: 'viewers' },
      viewers.length === 0
        ? 'Visible to everyone involved in your care.'
        : `Only: ${viewers.map((v) => `${v.displayName} (${v.id})`).join(', ')}`,
    ),
    form,
  );
}
