/**
 * `npm start` / `npm run demo`: runs the built app (out/) in Electron. Detects the binary without
 * `require('electron')`, which would try to download it; when it is missing, explains how to get
 * it and exits 1.
 *
 * Usage: node scripts/launch-electron.ts [--demo] [other Electron/app arguments]
 */
import { spawn } from 'node:child_process';
import {
  REPO_ROOT,
  electronEnv,
  findElectronBinary,
  missingElectronHelp,
} from '../test/electron/electron-binary.ts';

const binary = findElectronBinary();
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
