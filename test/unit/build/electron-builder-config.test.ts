import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: Array<string | { filter?: string[] }>;
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
  protocols?: Array<{ schemes: string[] }>;
  extraMetadata?: { homepage?: string; desktopName?: string };
  directories?: { buildResources?: string };
  linux?: {
    target?: string[];
    category?: string;
    executableName?: string;
    desktop?: { entry?: Record<string, string> };
  };
  deb?: { depends?: string[]; recommends?: string[] };
  mac?: {
    target?: string[];
    category?: string;
    hardenedRuntime?: boolean;
    entitlements?: string;
    entitlementsInherit?: string;
  };
  win?: { target?: Array<string | { target: string }> };
  nsis?: { oneClick?: boolean; perMachine?: boolean };
  publish?: { provider?: string; owner?: string; repo?: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } =
    require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, file: null, extra: null): Promise<BuilderConfig>;
      validateConfiguration(config: BuilderConfig, log: unknown): Promise<void>;
    };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };
  const config = await getConfig(root, null, null);
  // electron-builder's own schema validation; throws "Invalid configuration object" on a bad key.
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder validation and ships only the built app', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    // getConfig normalizes `files` into [{ filter: [...] }].
    const files = (config.files ?? []).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : (entry.filter ?? []),
    );
    expect(files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']),
    );
    expect(files.some((pattern) => /^(test|out\/harness|main|renderer\/src)/.test(pattern))).toBe(
      false,
    );
  });

  it('excludes source maps and node_modules', async () => {
    const { files = [] } = await loadConfig();
    const patterns = files.flatMap((entry) =>
      typeof entry === 'string' ? [entry] : (entry.filter ?? []),
    );
    expect(patterns).toEqual(expect.arrayContaining(['!**/*.map', '!node_modules/**']));
    // Only the built app and package.json are included.
    for (const pattern of patterns.filter((p) => !p.startsWith('!'))) {
      expect(pattern).toMatch(/^(out\/(main|preload|renderer)\/\*\*|package\.json)$/);
    }
  });

  it('uses the AppUserModelID that main sets, and the deep-link scheme', async () => {
    const config = await loadConfig();
    const { readFileSync } = await import('node:fs');
    const entry = readFileSync(path.join(root, 'main/index.ts'), 'utf8');
    expect(entry).toContain(`APP_USER_MODEL_ID = '${config.appId}'`);
    expect(config.protocols?.[0]?.schemes).toEqual(['tracker-desktop']);
  });

  it('burns the security fuses', async () => {
    const { electronFuses } = await loadConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names the app', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      productName: string;
    };
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe(pkg.productName);
  });

  it('builds an AppImage and a deb with a desktop entry and the runtime libraries', async () => {
    const { linux, deb, extraMetadata } = await loadConfig();
    expect(linux?.target).toEqual(['AppImage', 'deb']);
    expect(['Office', 'Development']).toContain(linux?.category);
    expect(linux?.desktop?.entry).toMatchObject({
      Name: 'Tracker Desktop',
      Comment: expect.any(String),
      MimeType: 'x-scheme-handler/tracker-desktop;',
    });
    // Electron takes the Wayland app_id / WM_CLASS from desktopName; the entry must match it.
    expect(extraMetadata?.desktopName).toBe(`${linux?.executableName}.desktop`);
    expect(linux?.desktop?.entry?.StartupWMClass).toBe(linux?.executableName);
    // fpm refuses a deb without a homepage.
    expect(extraMetadata?.homepage).toMatch(/^https:\/\//);
    expect(deb?.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'libnotify4']));
    expect(deb?.recommends).toContain('libayatana-appindicator3-1');
  });

  it('builds a hardened dmg and zip on macOS with minimal entitlements', async () => {
    const { mac } = await loadConfig();
    expect(mac?.target).toEqual(['dmg', 'zip']);
    expect(mac?.category).toMatch(/^public\.app-category\./);
    expect(mac?.hardenedRuntime).toBe(true);
    expect(mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(mac?.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(path.join(root, 'build/entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'com.apple.security.cs.allow-jit',
        'com.apple.security.network.client',
      ]),
    );
    // Electron 45 needs only allow-jit; nothing that weakens code signing further.
    expect(keys).not.toContain('com.apple.security.cs.allow-unsigned-executable-memory');
    expect(keys).not.toContain('com.apple.security.cs.disable-library-validation');
  });

  it('builds a per-user NSIS installer on Windows', async () => {
    const { win, nsis } = await loadConfig();
    const targets = (win?.target ?? []).map((t) => (typeof t === 'string' ? t : t.target));
    expect(targets).toEqual(['nsis']);
    expect(nsis?.perMachine).toBe(false);
    expect(typeof nsis?.oneClick).toBe('boolean');
  });

  it('ships a 512x512 RGBA icon that scripts/make-icons.ts reproduces', async () => {
    const { directories } = await loadConfig();
    expect(directories?.buildResources).toBe('build');
    const png = readFileSync(path.join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    const { iconPng } = await import('../../../scripts/make-icons.ts');
    expect(iconPng().equals(png)).toBe(true);
  });

  it('ships a Windows .ico of PNG images from 16 to 256 px, reproducible from code', async () => {
    const { iconIco, ICO_SIZES } = await import('../../../scripts/make-icons.ts');
    const ico = readFileSync(path.join(root, 'build/icon.ico'));
    expect(iconIco().equals(ico)).toBe(true);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(ICO_SIZES.length);
    const sizes = ICO_SIZES.map((_, i) => {
      const entry = 6 + 16 * i;
      const offset = ico.readUInt32LE(entry + 12);
      const image = ico.subarray(offset, offset + ico.readUInt32LE(entry + 8));
      expect(image.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(image.readUInt32BE(16)).toBe(ico.readUInt8(entry) || 256);
      return image.readUInt32BE(16);
    });
    expect(sizes).toEqual([...ICO_SIZES]);
  });

  it('ships a macOS .icns up to 1024 px, reproducible from code', async () => {
    const { iconIcns } = await import('../../../scripts/make-icons.ts');
    const icns = readFileSync(path.join(root, 'build/icon.icns'));
    expect(iconIcns().equals(icns)).toBe(true);
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries = new Map<string, number>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const png = icns.subarray(at + 8, at + icns.readUInt32BE(at + 4));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      entries.set(icns.subarray(at, at + 4).toString('ascii'), png.readUInt32BE(16));
    }
    expect(entries.get('ic10')).toBe(1024);
    expect(entries.get('ic09')).toBe(512);
    expect(entries.get('icp4')).toBe(16);
  });

  it('publishes to GitHub releases only when asked', async () => {
    const { publish } = await loadConfig();
    expect(publish).toMatchObject({ provider: 'github' });
    expect(publish?.owner).toEqual(expect.any(String));
    expect(publish?.repo).toEqual(expect.any(String));
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['dist']).toContain('--publish never');
  });
});
