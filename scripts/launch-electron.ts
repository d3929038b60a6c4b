/**
 * `npm start` / `npm run demo`: runs the built app (out/) in Electron. Detects the binary without
 * `require('electron')`. When it is missing it runs the electron package's own installer once; if
 * that fails too (no access to Electron's release host), it explains how to get it and exits 1.
 *
 * Usage: node scripts/launch-electron.ts [--demo] [other Electron/app arguments]
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  REPO_ROOT,
  electronEnv,
  findElectronBinary,
  missingElectronHelp,
} from '../test/electron/electron-binary.ts';

/** Fetches the binary the way `npx electron` would on first use; false when that fails. */
function downloadElectron(): boolean {
  console.error(
    'Electron binary not found; downloading it once (node_modules/electron/install.js)…',
  );
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules/electron/install.js')],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      timeout: 10 * 60_000,
    },
  );
  return result.status === 0;
}

let binary = findElectronBinary();
if (!binary.found && !process.env.CI && downloadElectron()) binary = findElectronBinary();
if (!binary.found) {
  console.error(missingElectronHelp(binary.reason));
  process.exit(1);
}

// '.' makes Electron read package.json ("main": out/main/index.js); the rest reaches the app.
const child = spawn(binary.path, ['.', ...process.argv.slice(2)], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: electronEnv(),
  windowsHide: false,
});

let exited = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!exited) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error(`Could not start Electron at ${binary.path}: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  exited = true;
  if (code === null) {
    console.error(`Electron exited with signal ${signal ?? 'unknown'}`);
    process.exit(1);
  }
  process.exit(code);
});
