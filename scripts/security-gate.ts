/**
 * `npm run security`: the security gate over the built app in out/.
 * - Electronegativity scans out/ (offline); any HIGH finding fails, and so does any MEDIUM finding
 *   that is not reviewed in place: a comment `// eng-disable CHECK_ID: reason` on the source line
 *   (found through the bundle's source map) or the line above it.
 * - The lockfile must not contain @electron/remote.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const problems: string[] = [];

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, embedded newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((cell) => cell.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((cell) => cell.trim() !== '')) rows.push(row);
  return rows;
}

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

function scan(): void {
  if (!existsSync(path.join(root, 'out/main/index.js'))) {
    problems.push('out/ is missing: run `npm run build` first');
    return;
  }
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  const report = path.join(workDir, 'report.csv');
  try {
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'scripts/security/electronegativity-offline.cjs'),
        ...['-i', path.join(root, 'out'), '-e', electronVersion()],
        ...['-x', 'AvailableSecurityFixesGlobalCheck', '-o', report],
      ],
      { cwd: workDir, encoding: 'utf8', env: { ...process.env, LANG: 'en-US' }, timeout: 120_000 },
    );
    if (run.status !== 0 || !existsSync(report)) {
      problems.push(
        `electronegativity did not run (exit ${run.status}): ${run.stderr.slice(-2000)}`,
      );
      return;
    }
    const [header, ...rows] = parseCsv(readFileSync(report, 'utf8'));
    const column = (name: string) => header?.findIndex((cell) => cell.trim() === name) ?? -1;
    const [issue, severity, file, location, sample] = [
      'issue',
      'severity',
      'filename',
      'location',
      'sample',
    ].map(column);
    console.log(`Electronegativity: ${rows.length} finding(s) in out/`);
    for (const row of rows) {
      const level = (row[severity ?? -1] ?? '').toUpperCase();
      const where = `${path.relative(root, row[file ?? -1] ?? '')}:${row[location ?? -1] ?? ''}`;
      const line = `  ${level.padEnd(13)} ${row[issue ?? -1]} ${where}  ${(row[sample ?? -1] ?? '').slice(0, 100)}`;
      console.log(line);
      const check = row[issue ?? -1] ?? '';
      if (level === 'HIGH') {
        problems.push(`${check} (HIGH) at ${where}: high-severity findings must be fixed`);
      } else if (level === 'MEDIUM') {
        const [lineText, columnText] = (row[location ?? -1] ?? '').split(':');
        const source = originalLine(row[file ?? -1] ?? '', Number(lineText), Number(columnText));
        const reason = source ? reviewReason(source, check) : null;
        const at = source ? `${path.relative(root, source.file)}:${source.line}` : where;
        if (reason) {
          console.log(`                reviewed at ${at}: ${reason}`);
        } else {
          problems.push(
            `${check} (MEDIUM) at ${at}: fix it, or review it in place with ` +
              `\`// eng-disable ${check}: <reason>\` on or above that line`,
          );
        }
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
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
