import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchChromium, noChromiumReason } from './support/chromium.js';
import { graphql, tokenFor } from './support/gateway-client.js';
import { startOwnGateway, type OwnGateway } from './support/own-gateway.js';
import { stackState } from './support/stack-state.js';
import { demoPatients, people, tokenOf } from './support/people.js';

// These tests start processes of their own (a gateway, Chromium); on a busy shared machine that takes a while.
jest.setTimeout(120_000);

// The explorer and the reference patient portal as people use them: in a real Chromium, served by the gateway.
const oliviaBennett = demoPatients.olivia.id;
const jonathanSmithJones = demoPatients.jonathan.id;
const olivia = { user: people.olivia.userId, role: people.olivia.roleProfileId };

if (!chromiumPath) console.warn(`Browser tests skipped: ${noChromiumReason}.`);
const inChromium = chromiumPath ? describe : describe.skip;

/** A page that records every request it makes and every error it meets (CSP violations included). */
async function openPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    // Failed loads are reported with their URL by the response listener.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, requests, problems, close: () => context.close() };
}

function offOrigin(requests: readonly string[], origin: string): string[] {
  return requests.filter((url) => new URL(url).origin !== origin);
}

async function oliviaConsent(): Promise<{ doNotShare: boolean; nationalOptOut: boolean }> {
  const { body } = await graphql<{ me: { patient: { consent: { doNotShare: boolean; nationalOptOut: boolean } } } }>(
    '{ me { patient { consent { doNotShare nationalOptOut } } } }',
    { token: await tokenFor(olivia.user, olivia.role) },
  );
  return body.data!.me.patient.consent;
}

async function setOliviaConsent(choices: { doNotShare?: boolean; nationalOptOut?: boolean }): Promise<void> {
  await graphql('mutation ($choices: ConsentChoicesInput!) { updateMyConsent(choices: $choices) { doNotShare } }', {
    token: await tokenFor(olivia.user, olivia.role),
    variables: { choices },
  });
}

inChromium('the reference patient portal (/portal/) in Chromium', () => {
  const gatewayOrigin = () => new URL(stackState().gatewayUrl).origin;
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  async function openPortal(path = '/portal/') {
    const opened = await openPage(browser);
    await opened.page.goto(`${gatewayOrigin()}${path}#token=${await tokenFor(olivia.user, olivia.role)}`);
    await opened.page.getByRole('heading', { level: 1, name: 'Olivia Bennett' }).waitFor();
    return opened;
  }

  test('renders her record, who viewed it (role and organisation, never names) and her choices, loading only from the gateway', async () => {
    const { page, requests, problems, close } = await openPortal();
    try {
      const text = await page.locator('main').innerText();
      for (const expected of [
        '9990000018',
        '12 March 1954',
        'Hypertensive disorder',
        'Penicillin',
        'Amlodipine 5mg tablets',
        'Cardiology',
      ]) {
        expect(text).toContain(expected);
      }
      const log = page.locator('#access-log');
      await expect(log.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
      const logText = await log.innerText();
      expect(logText).toContain('You');
      expect(logText).toContain('NHS App (patient access)');
      expect(logText).not.toMatch(/Amelia|Hart|dr\.amelia|David Lee|olivia\.bennett/);
      await expect(page.getByLabel(/Do not share my record/).isChecked()).resolves.toBe(false);
      await expect(page.getByLabel(/National data opt-out/).isChecked()).resolves.toBe(false);
      await expect(page.locator('#nominations').innerText()).resolves.toContain('Visible to everyone involved in your care.');
      // The token was handed over in the fragment and then taken out of the address bar.
      expect(page.url()).toBe(`${gatewayOrigin()}/portal/`);
      expect(offOrigin(requests, gatewayOrigin())).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  test('who viewed her record comes a page at a time, staff by role and organisation', async () => {
    // A GP reads her record often enough that the log runs past one page (50 accesses).
    const gp = await tokenOf('gp');
    for (let read = 0; read < 55; read += 1) {
      await graphql('query ($id: ID!) { patient(id: $id) { name { family } } }', { token: gp, variables: { id: oliviaBennett } });
    }
    const { page, problems, close } = await openPortal();
    try {
      const rows = page.locator('#access-log tbody tr');
      expect(await rows.count()).toBe(50);
      expect(await page.locator('#access-log').innerText()).toMatch(/Clinical Practitioner\s+Riverside Medical Practice/);
      await page.getByRole('button', { name: 'Show earlier' }).click();
      await page.locator('#access-log tbody tr:nth-child(51)').waitFor();
      expect(await page.locator('#access-log').innerText()).not.toMatch(/David Lee|gp\.david\.lee/);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  test('changing a consent switch persists: the page after a reload and the API both show it', async () => {
    expect(await oliviaConsent()).toEqual({ doNotShare: false, nationalOptOut: false });
    const { page, problems, close } = await openPortal();
    try {
      await page.getByLabel(/Do not share my record/).check();
      await expect(page.locator('#do-not-share-status').innerText())
        .resolves.toBe('Saving…')
        .catch(() => undefined);
      await page.locator('#do-not-share-status', { hasText: 'Saved' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Olivia Bennett' }).waitFor();
      await expect(page.getByLabel(/Do not share my record/).isChecked()).resolves.toBe(true);
      expect(await oliviaConsent()).toEqual({ doNotShare: true, nationalOptOut: false });
      await page.getByLabel(/Do not share my record/).uncheck();
      await page.locator('#do-not-share-status', { hasText: 'Saved' }).waitFor();
      expect(await oliviaConsent()).toEqual({ doNotShare: false, nationalOptOut: false });
      expect(problems).toEqual([]);
    } finally {
      await close();
      await setOliviaConsent({ doNotShare: false, nationalOptOut: false });
    }
  });

  test('she names who may see an item, and lifts it again', async () => {
    const { page, problems, close } = await openPortal();
    const hypertension = page.locator('li[data-item="PROBLEM:b0b1e000-0000-4000-8000-000000000001"]');
    try {
      await hypertension.getByRole('textbox').fill(people.gp.userId);
      await hypertension.getByRole('button', { name: 'Save' }).click();
      await page
        .locator('li[data-item="PROBLEM:b0b1e000-0000-4000-8000-000000000001"] .viewers', { hasText: 'Only: Dr David Lee (gp.david.lee)' })
        .waitFor();
      await hypertension.getByRole('textbox').fill('');
      await hypertension.getByRole('button', { name: 'Save' }).click();
      await page
        .locator('li[data-item="PROBLEM:b0b1e000-0000-4000-8000-000000000001"] .viewers', {
          hasText: 'Visible to everyone involved in your care.',
        })
        .waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
      await graphql('mutation { nominateItemViewers(kind: PROBLEM, itemId: "b0b1e000-0000-4000-8000-000000000001", userIds: []) }', {
        token: await tokenFor(olivia.user, olivia.role),
      });
    }
  });

  test("another patient's data never appears: not by address, not by asking the API from the page", async () => {
    const { page, close } = await openPortal(`/portal/?patient=${jonathanSmithJones}&id=${jonathanSmithJones}`);
    try {
      const text = await page.locator('main').innerText();
      expect(text).toContain('9990000018');
      expect(text).not.toMatch(/Smith-Jones|Jonathan|9990000085/);
      // From inside the page, with her session, another patient's id is simply not found.
      const answer = await page.evaluate(async (id) => {
        // Runs in the page; the test's own types know no DOM.
        const storage = (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage;
        const token = storage.getItem('epr.portal.token');
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: 'query ($id: ID!) { patient(id: $id) { name { family } nhsNumber } }', variables: { id } }),
        });
        return response.json();
      }, jonathanSmithJones);
      expect(answer).toEqual({ data: { patient: null } });
    } finally {
      await close();
    }
  });

  test('a staff session is told the portal is for patients, and shows no record', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto(`${gatewayOrigin()}/portal/#token=${await tokenFor('dr.amelia.hart', 'rp-hart-rx1')}`);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(/not linked to a patient record/);
      expect(await page.locator('main').innerText()).not.toContain(oliviaBennett);
    } finally {
      await close();
    }
  });

  test('without a token it asks her to sign in', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto(`${gatewayOrigin()}/portal/`);
      await page.getByRole('heading', { level: 1, name: 'Sign in to see your record' }).waitFor();
    } finally {
      await close();
    }
  });
});

inChromium('the explorer (/explorer) in Chromium', () => {
  let gateway: OwnGateway;
  let browser: Browser;
  beforeAll(async () => {
    gateway = await startOwnGateway({ GATEWAY_EXPLORER: '1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  async function runActiveTab(page: Page) {
    await page.locator('.graphiql-execute-button').click();
  }

  test('loads only from the gateway, takes a session token and runs the example operations’ first tab', async () => {
    const { page, requests, problems, close } = await openPage(browser);
    try {
      await page.goto(`${gateway.origin}/explorer`);
      await page.locator('.graphiql-container').waitFor();
      await expect(page.getByText('No session token').isVisible()).resolves.toBe(true);
      await page.getByLabel('Session token').fill(await tokenOf('consultant'));
      await page.getByText('Signed in as Dr Amelia Hart, R8000 at Northfield University Hospitals NHS Trust').waitFor();
      // Every example operation has its tab.
      const tabs = await page.locator('.graphiql-tab').allInnerTexts();
      for (const name of [
        'WhoAmI',
        'MyRecordSummary',
        'PatientSummary',
        'SearchPatients',
        'PathwayTimeline',
        'PatientTrackingList',
        'BookAppointment',
      ]) {
        expect(tabs.join(' ')).toContain(name);
      }
      await runActiveTab(page);
      await page.locator('.result-window', { hasText: 'Dr Amelia Hart' }).waitFor();
      expect(offOrigin(requests, gateway.origin)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
