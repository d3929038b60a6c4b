import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAssetPath } from '../../../../main/security/asset-path.ts';

const root = path.resolve('/srv/app/renderer');

describe('resolveAssetPath', () => {
  it('maps / and plain paths inside the root', () => {
    expect(resolveAssetPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, '/assets/index-abc.js')).toBe(
      path.join(root, 'assets/index-abc.js'),
    );
    expect(resolveAssetPath(root, '/assets/./a%20b.css')).toBe(path.join(root, 'assets/a b.css'));
  });

  it.each([
    '/../package.json',
    '/assets/../../secret',
    '/%2e%2e/secret',
    '/%2E%2E%2Fsecret',
    '/..%2f..%2fetc/passwd',
    '/assets/..%5c..%5csecret',
    '/a\\..\\b',
    '/%00index.html',
    '/%E0%A4%A',
  ])('refuses %s', (probe) => {
    expect(resolveAssetPath(root, probe)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows the build output types and falls back to bytes', () => {
    expect(contentTypeFor('x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('a.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('a.bin')).toBe('application/octet-stream');
  });
});
