/**
 * Finds the Electron binary without `require('electron')`: that call downloads the binary on first
 * use and throws where Electron's release host is unreachable. Runs under plain Node (type
 * stripping), so it imports node builtins only.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in test/electron). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the binary was found, or why it was not. */
export type ElectronBinary =
  | { readonly found: true; readonly path: string }
  | { readonly found: false; readonly reason: string };

/**
 * What to do when the binary is missing. Matches the electron package's own lookup: path.txt names
 * the executable under dist/ (or under ELECTRON_OVERRIDE_DIST_PATH when that is set).
 */
export function missingElectronHelp(reason: string): string {
  return [
    `The Electron binary is not installed (${reason}).`,
    'The electron npm package downloads it on first use, which needs access to its release host.',
    'On a machine with internet access, run once from the repository root:',
    '  npx electron --version          (downloads the binary)',
    '  or: node node_modules/electron/install.js',
    'Meanwhile `npm run web` serves the same app to a browser tab.',
  ].join('\n');
}

/** Looks for the binary the electron package would run, without downloading anything. */
export function findElectronBinary(
  root: string = REPO_ROOT,
  env: NodeJS.ProcessEnv = process.env,
): ElectronBinary {
  const packageDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    return { found: false, reason: 'node_modules/electron is missing; run npm ci' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  let relative = '';
  if (existsSync(pathFile)) relative = readFileSync(pathFile, 'utf8').trim();
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, relative || 'electron');
    return existsSync(candidate)
      ? { found: true, path: candidate }
      : { found: false, reason: `${candidate} (ELECTRON_OVERRIDE_DIST_PATH) does not exist` };
  }
  if (relative === '') {
    return { found: false, reason: 'node_modules/electron/path.txt is missing' };
  }
  const candidate = path.join(packageDir, 'dist', relative);
  return existsSync(candidate)
    ? { found: true, path: candidate }
    : { found: false, reason: `node_modules/electron/dist/${relative} does not exist` };
}

/** The environment to launch Electron with: ELECTRON_RUN_AS_NODE would make it plain Node. */
export function electronEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') clean[key] = value;
  }
  return clean;
}
