/**
 * `npm run security` (after `node scripts/build.ts app`): packages out/ the way `npm run dist` does
 * (electron-builder.yml, Linux `dir` target, so no installer tooling is needed) and judges the
 * result with scripts/package-rules.ts: app.asar must hold the built app and nothing else (no tests,
 * sources, node_modules, local config or secrets), package.json must carry extraMetadata, the
 * executable must be renamed and the fuses burnt as configured.
 *
 * No real Electron is used: electron-builder copies a stand-in folder (`electronDist`) made here in
 * a temp dir, so the check runs offline in seconds. Output goes to another temp dir, never release/.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import {
  build,
  Platform,
  type AfterPackContext,
  type Configuration,
  type LinuxPackager,
} from 'electron-builder';
import { FUSE_SENTINEL, judgeAsar, judgeFuses, judgeUnpackedDir } from './package-rules.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Electron 45's default fuse states in FUSE_ORDER, so the flip below is visible in the result.
const DEFAULT_FUSE_WIRE = '10110001';

/**
 * A folder electron-builder accepts as an unpacked Electron: the executable (a shell stub), the
 * licenses it copies, locales for `electronLanguages` to prune, and an empty resources/ (an empty
 * default_app.asar would fail with "Unable to read header size"). The stub carries a v1 fuse wire
 * behind the sentinel: without one, `electronFuses` fails the build ("Could not find sentinel"),
 * and with one the fuses are really flipped, so they can be checked instead of switched off.
 */
function makeElectronStandIn(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'));
  for (const locale of ['en-US', 'ru', 'de'])
    writeFileSync(path.join(dir, `locales/${locale}.pak`), '');
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  const wire = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# stand-in Electron for scripts/package-check.ts\n# ${FUSE_SENTINEL}`),
    Buffer.from([1, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(`${DEFAULT_FUSE_WIRE}\nexit 0\n`),
  ]);
  writeFileSync(path.join(dir, 'electron'), wire);
  chmodSync(path.join(dir, 'electron'), 0o755);
}

/** Paths of all files under `dir`, POSIX, relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    );
}

/** Text unless it has a NUL byte early on (images, fonts). */
function asText(bytes: Buffer): string | undefined {
  return bytes.subarray(0, 8000).includes(0) ? undefined : bytes.toString('utf8');
}

function readAsar(archive: string): {
  files: string[];
  texts: Map<string, string>;
  links: string[];
} {
  const entries = listPackage(archive, { isPack: false }).map((entry) =>
    entry.replace(/\\/g, '/').replace(/^\//, ''),
  );
  const texts = new Map<string, string>();
  const files: string[] = [];
  const links: string[] = [];
  for (const entry of entries) {
    const stat = statFile(archive, entry, false);
    if ('link' in stat) links.push(entry);
    if ('files' in stat || 'link' in stat) continue;
    files.push(entry);
    const text = asText(extractFile(archive, entry, false));
    if (text !== undefined) texts.set(entry, text);
  }
  console.log(`app.asar: ${files.join(', ')}`);
  return { files, texts, links };
}

/**
 * Packages out/ into a temp dir and returns every problem found. `overrides` are merged over
 * electron-builder.yml (as `-c.x=y` would be); the check itself passes none.
 */
export async function packageCheck(overrides: Configuration = {}): Promise<string[]> {
  if (!existsSync(path.join(root, 'out/main/index.js')))
    return ['out/ is missing: run `node scripts/build.ts app` first'];
  const temp = mkdtempSync(path.join(os.tmpdir(), 'package-check-'));
  try {
    const electronDist = path.join(temp, 'electron');
    makeElectronStandIn(electronDist);
    let packed: AfterPackContext | undefined;
    const built = await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      // Never upload anything; app-update.yml is still written from the publish config.
      publish: 'never',
      config: {
        ...overrides,
        electronDist,
        directories: { ...overrides.directories, output: path.join(temp, 'release') },
        // Only remembered here: fuses are flipped after afterPack, so the files are read later.
        afterPack: (context) => {
          packed = context;
        },
      },
    }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (built instanceof Error) return [`electron-builder failed: ${built.message}`];
    if (!packed) return ['electron-builder finished without packing the app'];
    const { appOutDir, packager } = packed;
    const { config } = packager;

    const files = listFiles(appOutDir);
    console.log(`\nPackaged ${path.basename(appOutDir)}/: ${files.join(', ')}`);
    const asar = path.join(appOutDir, 'resources/app.asar');
    const contents = existsSync(asar)
      ? readAsar(asar)
      : { files: [], texts: new Map<string, string>(), links: [] };
    // The updater feed config and anything else beside app.asar is scanned for secrets too.
    for (const file of files.filter((f) => f.startsWith('resources/') && !f.includes('app.asar'))) {
      const text = asText(readFileSync(path.join(appOutDir, file)));
      if (text !== undefined) contents.texts.set(file, text);
    }
    // A Linux target always gets a LinuxPackager, which knows linux.executableName's result.
    const executable = (packager as LinuxPackager).executableName;
    const problems = [
      ...judgeUnpackedDir(files, executable),
      ...(existsSync(asar)
        ? judgeAsar(contents, {
            main: 'out/main/index.js',
            extraMetadata: config.extraMetadata ?? {},
          })
        : []),
    ];
    if (config.electronFuses && existsSync(path.join(appOutDir, executable)))
      problems.push(
        ...judgeFuses(
          readFileSync(path.join(appOutDir, executable)),
          config.electronFuses as unknown as Record<string, unknown>,
        ),
      );
    return problems;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const started = performance.now();
  const problems = await packageCheck();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (problems.length > 0) {
    console.error(
      `\nPackage check failed (${seconds} s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`Package check passed (${seconds} s).`);
}
