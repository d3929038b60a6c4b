import { describe, expect, it } from 'vitest';
import {
  FUSE_SENTINEL,
  findSecrets,
  judgeAsar,
  judgeFiles,
  judgeFuses,
  judgeManifest,
  judgeUnpackedDir,
  rendererAssets,
  type AsarContents,
} from '../../../scripts/package-rules.ts';

const html = `<!doctype html><html><head>
<link rel="icon" type="image/svg+xml" href="./assets/favicon-a1.svg" />
<script type="module" crossorigin src="./assets/index-b2.js"></script>
<link rel="stylesheet" crossorigin href="./assets/index-c3.css">
<a href="https://tracker.yandex.ru/">x</a>
</head><body><div id="app"></div></body></html>`;

const manifest = JSON.stringify({
  name: 'tracker-desktop',
  main: 'out/main/index.js',
  homepage: 'https://github.com/tracker-desktop/tracker-desktop',
  desktopName: 'tracker-desktop.desktop',
});

const expected = {
  main: 'out/main/index.js',
  extraMetadata: {
    homepage: 'https://github.com/tracker-desktop/tracker-desktop',
    desktopName: 'tracker-desktop.desktop',
  },
};

// Code that talks about secrets without holding any, as the real bundle does.
const mainJs = [
  'const body = { client_id: config.clientId, client_secret: config.clientSecret };',
  'headers.Authorization = `OAuth ${token}`;',
  'const YANDEX = /y[0-3]_[A-Za-z0-9_-]{20,}/g;',
  "if (line.startsWith('-----BEGIN')) skip();",
].join('\n');

function good(): { files: string[]; texts: Map<string, string> } {
  return {
    files: [
      'package.json',
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/favicon-a1.svg',
      'out/renderer/assets/index-b2.js',
      'out/renderer/assets/index-c3.css',
      'out/renderer/assets/markup-d4.js',
    ],
    texts: new Map([
      ['package.json', manifest],
      ['out/main/index.js', mainJs],
      ['out/renderer/index.html', html],
      [
        'resources/app-update.yml',
        'owner: tracker-desktop\nrepo: tracker-desktop\nprovider: github\n',
      ],
    ]),
  };
}

function withFiles(...extra: string[]): AsarContents {
  const contents = good();
  return { ...contents, files: [...contents.files, ...extra] };
}

describe('judgeAsar', () => {
  it('passes the built app', () => {
    expect(judgeAsar(good(), expected)).toEqual([]);
  });

  it('reports missing built files', () => {
    const contents = good();
    const files = contents.files.filter(
      (f) => f !== 'out/preload/index.cjs' && f !== 'out/renderer/assets/index-c3.css',
    );
    expect(judgeAsar({ ...contents, files }, expected)).toEqual([
      'out/preload/index.cjs: missing from app.asar (built app incomplete)',
      'out/renderer/assets/index-c3.css: referenced by out/renderer/index.html but missing from app.asar',
    ]);
  });

  it('reports a renderer that loads no script', () => {
    const contents = good();
    contents.texts.set('out/renderer/index.html', '<html><body></body></html>');
    expect(judgeAsar(contents, expected)).toEqual([
      'out/renderer/index.html: loads no script, the renderer build looks broken',
    ]);
  });

  it.each([
    ['test/unit/build/package-rules.test.ts', 'test code'],
    ['test/fakes/electron.ts', 'test code'],
    ['out/main/foo.spec.js', 'test code'],
    ['main/index.ts', 'source folder'],
    ['renderer/src/App.svelte', 'source folder'],
    ['preload/index.ts', 'source folder'],
    ['scripts/build.ts', 'source folder'],
    ['out/renderer/assets/App.svelte', 'sources'],
    ['out/main/types.d.ts', 'sources'],
    ['out/main/index.js.map', 'source maps'],
    ['node_modules/valibot/package.json', 'node_modules'],
    ['out/main/node_modules/ws/index.js', 'node_modules'],
    ['out/harness/web.js', 'harness'],
    ['.env', 'environment'],
    ['.env.local', 'environment'],
    ['out/main/server.pem', 'key material'],
    ['out/renderer/SERVER.PEM', 'key material'],
    ['out/main/.ENV', 'environment'],
    ['signing.key', 'key material'],
    ['.npmrc', 'credential config'],
    ['electron-builder.yml', 'config'],
    ['tsconfig.node.json', 'config'],
    ['vite.config.ts', 'config'],
    ['package-lock.json', 'config'],
    ['.git/config', 'metadata'],
    ['README.md', 'unexpected file'],
    ['renderer/index.html', 'unexpected file'],
  ])('reports %s (%s)', (file, why) => {
    const problems = judgeAsar(withFiles(file), expected);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${file}: `);
    expect(problems[0]).toContain(why);
  });

  it('reports symbolic links, wherever they point', () => {
    expect(judgeAsar({ ...good(), links: ['out/main/config'] }, expected)).toEqual([
      'out/main/config: a symbolic link; nothing the app ships is one',
    ]);
  });

  it('reports package.json without the right main or extraMetadata', () => {
    const contents = good();
    contents.texts.set('package.json', JSON.stringify({ main: 'main/index.ts' }));
    expect(judgeAsar(contents, expected)).toEqual([
      'package.json: main is "main/index.ts", expected "out/main/index.js"',
      'package.json: no desktopName ending in .desktop (extraMetadata not applied)',
      'package.json: homepage is undefined, expected "https://github.com/tracker-desktop/tracker-desktop" from extraMetadata',
      'package.json: desktopName is undefined, expected "tracker-desktop.desktop" from extraMetadata',
    ]);
    expect(judgeManifest('{', expected)).toEqual(['package.json: not valid JSON']);
  });
});

describe('findSecrets', () => {
  it.each([
    ['private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
    ['private key', '"-----BEGIN PRIVATE KEY-----\\nMIIE"'],
    ['client_secret value', 'const c = { client_secret: "0123456789abcdef" };'],
    ['client_secret value', '{"clientSecret": "0123456789abcdef"}'],
    ['Yandex OAuth token', `const t = 'y0_${'AgAAAAAB'.repeat(5)}';`],
    ['Yandex OAuth token (legacy)', `t = "AQAAAA${'Ab1-'.repeat(10)}"`],
    ['Yandex Cloud IAM token', `t = 't1.${'9euelZqK'.repeat(8)}'`],
    ['JWT', 'x = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"'],
    ['Authorization credential', `h = "OAuth ${'a1B2c3D4'.repeat(4)}"`],
    ['GitHub token', `t = "ghp_${'A1b2C3d4E5f6'.repeat(3)}"`],
    ['AWS access key', 'k = "AKIAIOSFODNN7EXAMPLE"'],
  ])('reports a %s', (name, text) => {
    const problems = findSecrets(new Map([['out/main/index.js', `// header\n${text}\n`]]));
    expect(problems).toEqual([`out/main/index.js:2: possible ${name}; secrets must not ship`]);
  });

  it('reports secrets beside app.asar too, as judgeAsar does', () => {
    const contents = good();
    contents.texts.set('resources/app-update.yml', `token: ghp_${'A1b2C3d4E5f6'.repeat(3)}\n`);
    expect(judgeAsar(contents, expected)).toEqual([
      'resources/app-update.yml:1: possible GitHub token; secrets must not ship',
    ]);
  });

  it('leaves code about secrets alone', () => {
    expect(findSecrets(good().texts)).toEqual([]);
  });
});

describe('rendererAssets', () => {
  it('lists local src/href only', () => {
    expect(rendererAssets(html)).toEqual([
      'out/renderer/assets/favicon-a1.svg',
      'out/renderer/assets/index-b2.js',
      'out/renderer/assets/index-c3.css',
    ]);
  });
});

describe('judgeFiles', () => {
  it('reports every missing required file of an empty archive', () => {
    expect(judgeFiles([])).toHaveLength(4);
  });
});

describe('judgeUnpackedDir', () => {
  const unpacked = [
    'LICENSE.electron.txt',
    'tracker-desktop',
    'locales/en-US.pak',
    'resources/app.asar',
    'resources/app-update.yml',
  ];

  it('passes a renamed executable and an archived app', () => {
    expect(judgeUnpackedDir(unpacked, 'tracker-desktop')).toEqual([]);
  });

  it('reports an executable that was not renamed, a missing archive, and unpacked files', () => {
    const files = [
      'electron',
      'resources/app/package.json',
      'resources/app.asar.unpacked/out/main/x.node',
    ];
    expect(judgeUnpackedDir(files, 'tracker-desktop')).toEqual([
      'tracker-desktop: executable missing (linux.executableName not applied)',
      'electron: executable was not renamed',
      'resources/app.asar: missing',
      'resources/app/package.json: app shipped as a folder, not inside app.asar',
      'resources/app.asar.unpacked/out/main/x.node: unpacked from app.asar, but nothing should need to be',
    ]);
  });
});

describe('judgeFuses', () => {
  const fuses = {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  };
  const binary = (wire: string): Buffer =>
    Buffer.concat([
      Buffer.from(`\x7fELF...${FUSE_SENTINEL}`),
      Buffer.from([1, wire.length]),
      Buffer.from(`${wire}...`),
    ]);

  it('passes a wire burnt as configured', () => {
    expect(judgeFuses(binary('01001100'), fuses)).toEqual([]);
  });

  it('reports fuses left at the defaults, and a binary without a wire', () => {
    expect(judgeFuses(binary('11111100'), fuses)).toEqual([
      'fuse runAsNode is true, electronFuses wants false',
      'fuse enableNodeOptionsEnvironmentVariable is true, electronFuses wants false',
      'fuse enableNodeCliInspectArguments is true, electronFuses wants false',
    ]);
    expect(judgeFuses(binary('0100'), fuses)).toContain(
      'fuse enableEmbeddedAsarIntegrityValidation is unset, electronFuses wants true',
    );
    expect(judgeFuses(Buffer.from('#!/bin/sh\n'), fuses)).toEqual([
      'executable: no fuse wire found, fuses were not applied',
    ]);
  });
});
