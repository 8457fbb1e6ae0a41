import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const candidate = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/**
 * Debian's Chromium (`apt-get install -y chromium`), or the one CHROMIUM_PATH names; no browser is ever
 * downloaded. When there is none, browser tests are skipped and say why.
 */
export const chromiumPath = existsSync(candidate) ? candidate : undefined;

export const noChromiumReason = `no Chromium at ${candidate} (install Debian's: apt-get install -y chromium, or set CHROMIUM_PATH)`;

/** A headless Chromium with a fresh profile that reaches nothing on its own (no updates, sync or QUIC). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    ...(chromiumPath ? { executablePath: chromiumPath } : {}),
    headless: true,
    args: [
      // Tests run as root in CI, where Chromium's sandbox cannot start.
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
