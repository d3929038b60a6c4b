import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Files that run only inside Electron and may import it. */
const ELECTRON_ONLY = [/^main\/index\.ts$/, /^main\/platform\//, /^preload\/index\.ts$/];

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms),
    ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specifiers.map((match) => match[1] ?? '');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.(ts|svelte)$/.test(name) ? [full] : [];
  });
}

/** Every file reachable from `entry` through relative imports, with the bare specifiers seen. */
function graph(entry: string): { files: Set<string>; bare: Map<string, string> } {
  const files = new Set<string>();
  const bare = new Map<string, string>();
  const queue = [path.resolve(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
      else bare.set(specifier, path.relative(root, file));
    }
  }
  return { files, bare };
}

describe('electron stays out of plain-Node code', () => {
  it.each([
    'main/app.ts',
    'test/harness/web.ts',
    'test/harness/server.ts',
    'preload/build-bridge.ts',
  ])('nothing reachable from %s imports electron', (entry) => {
    const { bare } = graph(entry);
    expect(bare.has('electron'), `imported by ${bare.get('electron')}`).toBe(false);
  });

  it('only main/index.ts, main/platform/ and preload/index.ts import electron', () => {
    const offenders = ['main', 'preload', 'renderer']
      .flatMap((dir) => walk(path.join(root, dir)))
      .map((file) => path.relative(root, file).split(path.sep).join('/'))
      .filter((file) => importsOf(path.join(root, file)).includes('electron'))
      .filter((file) => !ELECTRON_ONLY.some((pattern) => pattern.test(file)));
    expect(offenders).toEqual([]);
  });

  it('the renderer imports no Node module and no main code', () => {
    const offenders = walk(path.join(root, 'renderer')).flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith('node:') || s === 'electron' || /(^|\/)main\//.test(s))
        .map((s) => `${path.relative(root, file)} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
