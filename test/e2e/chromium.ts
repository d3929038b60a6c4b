import { existsSync } from 'node:fs';

/**
 * Path of the system Chromium Playwright drives: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
 * Playwright's own browser download does not work on our machines, so a missing browser is a setup
 * error with instructions, not a silent skip.
 */
export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(candidate)) {
    throw new Error(
      `Chromium not found at ${candidate}. The end-to-end tests drive a system Chromium: ` +
        'install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a ' +
        'Chromium or Chrome executable.',
    );
  }
  return candidate;
}

/** Flags for a quiet, offline-friendly headless Chromium on CI machines. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
