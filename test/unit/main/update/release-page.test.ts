import { describe, expect, it } from 'vitest';
import { parseUpdateConfig, releasePageOf } from '../../../../main/update/release-page.ts';

/** What electron-builder writes for the publish block of electron-builder.yml. */
const GITHUB =
  'owner: my-org\nrepo: tracker-desktop\nprovider: github\nupdaterCacheDirName: tracker-desktop-updater\n';

describe('releasePageOf', () => {
  it('names the GitHub release of the version, tagged v plus the version', () => {
    expect(releasePageOf(GITHUB, '1.4.0')).toBe(
      'https://github.com/my-org/tracker-desktop/releases/tag/v1.4.0',
    );
    expect(releasePageOf(GITHUB.replace(/\n/g, '\r\n'), '2.0.0-beta.1')).toBe(
      'https://github.com/my-org/tracker-desktop/releases/tag/v2.0.0-beta.1',
    );
  });

  it('reads quoted values', () => {
    expect(releasePageOf('provider: \'github\'\nowner: "o"\nrepo: r\n', '1.0.0')).toBe(
      'https://github.com/o/r/releases/tag/v1.0.0',
    );
  });

  it('gives no page for other providers, other hosts or odd names', () => {
    expect(releasePageOf('provider: generic\nurl: https://example.com/\n', '1.0.0')).toBeNull();
    expect(releasePageOf(`${GITHUB}host: github.example.com\n`, '1.0.0')).toBeNull();
    expect(releasePageOf('provider: github\nowner: a/../b\nrepo: r\n', '1.0.0')).toBeNull();
    expect(releasePageOf('provider: github\nrepo: r\n', '1.0.0')).toBeNull();
    expect(releasePageOf('', '1.0.0')).toBeNull();
  });

  it('escapes the version into the path', () => {
    expect(releasePageOf(GITHUB, '1.0.0/../x')).toBe(
      'https://github.com/my-org/tracker-desktop/releases/tag/v1.0.0%2F..%2Fx',
    );
  });
});

describe('parseUpdateConfig', () => {
  it('keeps flat keys and skips everything else', () => {
    expect(parseUpdateConfig('a: 1\n  nested: 2\n# comment\nb:\n')).toEqual({ a: '1', b: '' });
  });
});
