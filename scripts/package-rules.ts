/**
 * The rules scripts/package-check.ts applies to an unpacked electron-builder build. Pure: they judge
 * listings and contents handed to them and return problems, so they are unit tested without a build.
 */

/** The packaged app.asar, as read by the check. */
export interface AsarContents {
  /** Every file (folders are implied), POSIX, relative to the archive root, no leading slash. */
  readonly files: readonly string[];
  /** The contents of the text files among them, by path. */
  readonly texts: ReadonlyMap<string, string>;
  /** Symbolic links in the archive: the built app has none, and a link could point anywhere. */
  readonly links?: readonly string[];
}

/** What the packaged app must look like, taken from the effective electron-builder config. */
export interface PackageExpectations {
  /** `main` the packaged package.json must point at. */
  readonly main: string;
  /** Keys electron-builder must have merged into the packaged package.json (`extraMetadata`). */
  readonly extraMetadata: Readonly<Record<string, unknown>>;
}

/** Files the app cannot start or render without. */
export const REQUIRED_FILES: readonly string[] = [
  'package.json',
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

// Only the built app ships; everything else is either caught by a named rule below (clearer
// message) or reported as unexpected.
const ALLOWED = /^(package\.json|out\/(main|preload|renderer)\/.+)$/;

/** A forbidden kind of entry: a test on the entry path and why it must not ship. */
interface PathRule {
  readonly test: RegExp;
  readonly why: string;
}

const PATH_RULES: readonly PathRule[] = [
  {
    test: /(^|\/)node_modules(\/|$)/,
    why: 'node_modules must not ship: out/ bundles every dependency',
  },
  {
    test: /^test(\/|$)|(^|\/)__tests__(\/|$)|\.(test|spec)\.[cm]?[jt]s$/,
    why: 'test code must not ship',
  },
  {
    test: /^(main|preload|scripts|bench|src)(\/|$)|^renderer\/src(\/|$)/,
    why: 'source folder must not ship',
  },
  { test: /\.([cm]?ts|tsx|svelte)$/, why: 'sources must not ship (.ts/.svelte)' },
  { test: /\.map$/, why: 'source maps must not ship' },
  { test: /^out\/(harness|emulator|bench-list)(\/|$)/, why: 'test harness builds must not ship' },
  { test: /(^|\/)\.env(\..*)?$/, why: 'local environment files may hold secrets' },
  {
    test: /\.(pem|key|p12|pfx|keystore|jks)$|(^|\/)id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/,
    why: 'key material must not ship',
  },
  {
    test: /(^|\/)\.(npmrc|yarnrc(\.yml)?|netrc|git-credentials)$/,
    why: 'registry/credential config must not ship',
  },
  {
    test: /(^|\/)\.(git|github|vscode|idea)(\/|$)/,
    why: 'repository/editor metadata must not ship',
  },
  {
    test: /(^|\/)(electron-builder\.(ya?ml|json|[cm]?[jt]s)|tsconfig[^/]*\.json|[^/]+\.config\.[cm]?[jt]s|\.prettierrc[^/]*|package-lock\.json|builder-debug\.yml)$/,
    why: 'build/tool config must not ship',
  },
  { test: /\.log$/, why: 'log files must not ship' },
];

/**
 * Secret shapes looked for in every shipped text file: the token formats the app handles (see
 * main/log/redact.ts) plus generic key material. Each needs a literal value, so the app's own code
 * about these things (`client_secret: config.clientSecret`, redaction regexes) does not match.
 */
export const SECRET_PATTERNS: ReadonlyArray<{ readonly name: string; readonly test: RegExp }> = [
  { name: 'private key', test: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  {
    name: 'client_secret value',
    test: /client[_-]?secret["'`]?\s*[:=]\s*["'`][^"'`\s$]{6,}["'`]/i,
  },
  { name: 'Yandex OAuth token', test: /(?<![A-Za-z0-9_])y[0-3]_[A-Za-z0-9_-]{30,}/ },
  { name: 'Yandex OAuth token (legacy)', test: /(?<![A-Za-z0-9_])AQAAAA[A-Za-z0-9_-]{30,}/ },
  { name: 'Yandex Cloud IAM token', test: /(?<![A-Za-z0-9_.])t1\.[A-Za-z0-9_-]{40,}/ },
  {
    name: 'JWT',
    test: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/,
  },
  {
    name: 'Authorization credential',
    test: /["'`](?:OAuth|Bearer) [A-Za-z0-9._~+/-]{20,}=*["'`]/,
  },
  {
    name: 'GitHub token',
    test: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{40,})/,
  },
  { name: 'AWS access key', test: /(?<![A-Z0-9])AKIA[0-9A-Z]{16}(?![A-Z0-9])/ },
];

/** Problems with the files in app.asar: missing built files, forbidden or unexpected files. */
export function judgeFiles(files: readonly string[]): string[] {
  const problems: string[] = [];
  const present = new Set(files);
  for (const file of REQUIRED_FILES) {
    if (!present.has(file)) problems.push(`${file}: missing from app.asar (built app incomplete)`);
  }
  for (const file of files) {
    // `.ENV` or `KEY.PEM` is as secret as its lower-case spelling.
    const rule = PATH_RULES.find((r) => r.test.test(file) || r.test.test(file.toLowerCase()));
    if (rule) problems.push(`${file}: ${rule.why}`);
    else if (!ALLOWED.test(file))
      problems.push(
        `${file}: unexpected file, only out/{main,preload,renderer} and package.json ship`,
      );
  }
  return problems;
}

/** Local files index.html loads (`src`/`href`, relative), as paths inside the archive. */
export function rendererAssets(html: string): string[] {
  const assets: string[] = [];
  for (const match of html.matchAll(/\s(?:src|href)\s*=\s*["']([^"'#?]+)[^"']*["']/gi)) {
    const ref = match[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(ref)) continue;
    assets.push(`out/renderer/${ref.replace(/^\.\//, '')}`);
  }
  return assets;
}

/** Problems with the renderer: index.html must reference assets, and each must be packaged. */
export function judgeRenderer(contents: AsarContents): string[] {
  const html = contents.texts.get('out/renderer/index.html');
  if (html === undefined) return [];
  const assets = rendererAssets(html);
  if (!assets.some((a) => a.endsWith('.js')))
    return ['out/renderer/index.html: loads no script, the renderer build looks broken'];
  const present = new Set(contents.files);
  return assets
    .filter((asset) => !present.has(asset))
    .map((asset) => `${asset}: referenced by out/renderer/index.html but missing from app.asar`);
}

/** Problems with the packaged package.json: `main` and electron-builder's extraMetadata. */
export function judgeManifest(text: string | undefined, expected: PackageExpectations): string[] {
  if (text === undefined) return [];
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return ['package.json: not valid JSON'];
  }
  const problems: string[] = [];
  if (manifest.main !== expected.main)
    problems.push(
      `package.json: main is ${JSON.stringify(manifest.main)}, expected "${expected.main}"`,
    );
  // Electron derives the Linux app_id / WM_CLASS from it; without it the .desktop file won't match.
  if (typeof manifest.desktopName !== 'string' || !manifest.desktopName.endsWith('.desktop'))
    problems.push('package.json: no desktopName ending in .desktop (extraMetadata not applied)');
  for (const [key, value] of Object.entries(expected.extraMetadata)) {
    if (JSON.stringify(manifest[key]) !== JSON.stringify(value))
      problems.push(
        `package.json: ${key} is ${JSON.stringify(manifest[key])}, expected ${JSON.stringify(value)} from extraMetadata`,
      );
  }
  return problems;
}

/** Secret-looking values in text files, as `file:line: kind`; the value itself is not echoed. */
export function findSecrets(texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, text] of texts) {
    for (const { name, test } of SECRET_PATTERNS) {
      const match = test.exec(text);
      if (!match) continue;
      const line = text.slice(0, match.index).split('\n').length;
      problems.push(`${file}:${line}: possible ${name}; secrets must not ship`);
    }
  }
  return problems;
}

/** Every problem with app.asar: its files, renderer assets, package.json and secrets. */
export function judgeAsar(contents: AsarContents, expected: PackageExpectations): string[] {
  return [
    ...(contents.links ?? []).map(
      (link) => `${link}: a symbolic link; nothing the app ships is one`,
    ),
    ...judgeFiles(contents.files),
    ...judgeRenderer(contents),
    ...judgeManifest(contents.texts.get('package.json'), expected),
    ...findSecrets(contents.texts),
  ];
}

/**
 * Problems with the unpacked folder (paths relative to it): the executable must carry
 * `linux.executableName`, and the app must be only the archive (no app/ folder, nothing unpacked).
 */
export function judgeUnpackedDir(files: readonly string[], executableName: string): string[] {
  const present = new Set(files);
  const problems: string[] = [];
  if (!present.has(executableName))
    problems.push(`${executableName}: executable missing (linux.executableName not applied)`);
  // Electron's own name means linux.executableName was lost (or set back to it).
  if (present.has('electron')) problems.push('electron: executable was not renamed');
  if (!present.has('resources/app.asar')) problems.push('resources/app.asar: missing');
  for (const file of files) {
    if (/^resources\/app(\/|$)/.test(file))
      problems.push(`${file}: app shipped as a folder, not inside app.asar`);
    if (/^resources\/app\.asar\.unpacked(\/|$)/.test(file))
      problems.push(`${file}: unpacked from app.asar, but nothing should need to be`);
  }
  return problems;
}

/** electronFuses keys in fuse wire order (@electron/fuses FuseV1Options). */
export const FUSE_ORDER: readonly string[] = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];

/** The marker Electron binaries carry in front of their fuse wire (@electron/fuses SENTINEL). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Problems when the executable's fuse wire (v1: '0'/'1' bytes) differs from `electronFuses`. */
export function judgeFuses(
  binary: Uint8Array,
  expected: Readonly<Record<string, unknown>>,
): string[] {
  const bytes = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at === -1) return ['executable: no fuse wire found, fuses were not applied'];
  const wire = at + FUSE_SENTINEL.length;
  const length = bytes[wire + 1] ?? 0;
  const problems: string[] = [];
  FUSE_ORDER.forEach((name, index) => {
    const want = expected[name];
    if (typeof want !== 'boolean') return;
    const state = index < length ? bytes[wire + 2 + index] : undefined;
    const got = state === 0x31 ? true : state === 0x30 ? false : undefined;
    if (got !== want)
      problems.push(`fuse ${name} is ${got ?? 'unset'}, electronFuses wants ${want}`);
  });
  return problems;
}
