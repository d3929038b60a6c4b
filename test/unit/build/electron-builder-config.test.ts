import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');

interface BuilderConfig {
  appId?: string;
  files?: Array<string | { filter?: string[] }>;
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
  protocols?: Array<{ schemes: string[] }>;
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
});
