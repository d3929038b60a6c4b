/**
 * `npm run security`: the security gate over the built app in out/.
 * - Electronegativity scans out/ (offline); any HIGH finding fails, and so does any MEDIUM finding
 *   that is not reviewed in place: a comment `// eng-disable CHECK_ID: reason` on the source line
 *   (found through the bundle's source map) or the line above it.
 * - The lockfile must not contain @electron/remote.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const problems: string[] = [];

/** Where a finding in out/ comes from in the sources, through the bundle's source map. */
function originalLine(
  file: string,
  line: number,
  column: number,
): { file: string; line: number } | null {
  const mapFile = `${file}.map`;
  if (!existsSync(mapFile)) return null;
  const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
  const origin = map.findOrigin(line, column + 1);
  if (!('fileName' in origin)) return null;
  const source = path.resolve(path.dirname(file), origin.fileName.replace(/^file:\/\//, ''));
  return { file: source, line: origin.lineNumber };
}

/** The review reason for `check` at a source line, or null when it was not reviewed there. */
function reviewReason(source: { file: string; line: number }, check: string): string | null {
  if (!existsSync(source.file)) return null;
  const lines = readFileSync(source.file, 'utf8').split('\n');
  for (const text of [lines[source.line - 1], lines[source.line - 2]]) {
    const match = text?.match(/(?:\/\/|\/\*)\s*eng-disable\s+([A-Z_]+)\s*:\s*(\S.*?)\s*(?:\*\/)?$/);
    if (match?.[1] === check && match[2]) return match[2];
  }
  return null;
}

function electronVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  return manifest.devDependencies?.electron?.replace(/^[^\d]*/, '') ?? '45.0.0';
}

interface Finding {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: { readonly name: string };
  readonly sample?: string;
}

interface ScanReport {
  readonly issues: readonly Finding[];
  readonly errors: readonly { file: string; message: string; tolerable: boolean }[];
}

/**
 * Copies what ships into a scratch folder: out/main and out/preload (built to ES2021, which the
 * scanner's parser reads) and the renderer's HTML, whose CSP it checks. The renderer's scripts keep
 * class private fields (Svelte 5 compiles $state fields to them), which the scanner cannot traverse;
 * they run without Node or Electron APIs, so the Electron checks have nothing to find there.
 */
function stage(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  cpSync(path.join(root, 'out/main'), path.join(dir, 'main'), { recursive: true });
  cpSync(path.join(root, 'out/preload'), path.join(dir, 'preload'), { recursive: true });
  mkdirSync(path.join(dir, 'renderer'));
  cpSync(path.join(root, 'out/renderer/index.html'), path.join(dir, 'renderer/index.html'));
  return dir;
}

function scan(): void {
  if (!existsSync(path.join(root, 'out/main/index.js'))) {
    problems.push('out/ is missing: run `npm run build` first');
    return;
  }
  const staged = stage();
  try {
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'scripts/security/electronegativity-offline.cjs'),
        staged,
        electronVersion(),
      ],
      {
        cwd: staged,
        encoding: 'utf8',
        env: { ...process.env, LANG: 'en-US' },
        timeout: 180_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0) {
      problems.push(
        `electronegativity did not run (exit ${run.status}): ${run.stderr.slice(-2000)}`,
      );
      return;
    }
    const report = JSON.parse(run.stdout) as ScanReport;
    for (const error of report.errors) {
      // A file the scanner cannot read hides its findings, so it fails the gate.
      if (!error.tolerable)
        problems.push(
          `electronegativity could not parse ${path.relative(staged, error.file)}: ${error.message}`,
        );
    }
    console.log(
      `Electronegativity: ${report.issues.length} finding(s) in main, preload and the renderer's HTML`,
    );
    for (const finding of report.issues) {
      const level = finding.severity.name.toUpperCase();
      const builtFile = path.isAbsolute(finding.file)
        ? finding.file
        : path.join(staged, finding.file);
      const shown =
        finding.file === 'N/A'
          ? 'global'
          : `${path.relative(staged, builtFile)}:${finding.location.line}`;
      console.log(
        `  ${level.padEnd(13)} ${finding.id} ${shown}  ${(finding.sample ?? '').slice(0, 100)}`,
      );
      if (level === 'HIGH') {
        problems.push(`${finding.id} (HIGH) at ${shown}: high-severity findings must be fixed`);
      } else if (level === 'MEDIUM') {
        // The source map's paths are relative to the file's place in out/, not the scratch copy.
        const outFile = path.join(root, 'out', path.relative(staged, builtFile));
        const source =
          finding.file === 'N/A'
            ? null
            : originalLine(outFile, finding.location.line, finding.location.column);
        const reason = source ? reviewReason(source, finding.id) : null;
        const at = source ? `${path.relative(root, source.file)}:${source.line}` : shown;
        if (reason) {
          console.log(`                reviewed at ${at}: ${reason}`);
        } else {
          problems.push(
            `${finding.id} (MEDIUM) at ${at}: fix it, or review it in place with ` +
              `\`// eng-disable ${finding.id}: <reason>\` on or above that line`,
          );
        }
      }
    }
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

function checkLockfile(): void {
  const lock = readFileSync(path.join(root, 'package-lock.json'), 'utf8');
  if (lock.includes('node_modules/@electron/remote'))
    problems.push('@electron/remote is in the lockfile');
}

scan();
checkLockfile();
if (problems.length > 0) {
  console.error(`\nSecurity gate failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('Security gate passed.');
