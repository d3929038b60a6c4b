import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  AppInfoSchema,
  CHANNEL_PREFIX,
  ERROR_CODES,
  IpcErrorSchema,
  eventContract,
  eventMethodName,
  invokeContract,
  splitChannel,
  wireName,
  type InvokeChannel,
} from '../../../preload/contract.ts';
import type { InvokeHandlers } from '../../../main/ipc/handlers.ts';

describe('IPC contract', () => {
  it('names every channel namespace.member with the wire prefix and no collisions', () => {
    const names = [...Object.keys(invokeContract), ...Object.keys(eventContract)];
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
      expect(wireName(name as InvokeChannel)).toBe(CHANNEL_PREFIX + name);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('derives subscriber names that never shadow an invoke method', () => {
    for (const channel of Object.keys(eventContract) as (keyof typeof eventContract)[]) {
      const [ns] = splitChannel(channel);
      const method = eventMethodName(channel);
      expect(method).toMatch(/^on[A-Z]/);
      expect(Object.keys(invokeContract)).not.toContain(`${ns}.${method}`);
    }
    expect(eventMethodName('app.online')).toBe('onOnline');
  });

  it('round-trips an AppInfo fixture and refuses a wrong one', () => {
    const fixture = {
      name: 'Tracker Desktop',
      version: '0.1.0',
      host: 'web',
      platform: 'linux',
      arch: 'x64',
      locale: 'ru-RU',
      versions: { node: '24.21.0', electron: '45.5.0', chrome: '142.0.0.0' },
      online: false,
    };
    expect(v.parse(AppInfoSchema, fixture)).toEqual(fixture);
    expect(v.safeParse(AppInfoSchema, { ...fixture, host: 'browser' }).success).toBe(false);
    expect(v.safeParse(AppInfoSchema, { ...fixture, online: 'no' }).success).toBe(false);
  });

  it('knows every error code the router can produce', () => {
    for (const code of ['E_BAD_REQUEST', 'E_FORBIDDEN', 'E_UNKNOWN_CHANNEL', 'E_INTERNAL']) {
      expect(ERROR_CODES).toContain(code);
      expect(v.safeParse(IpcErrorSchema, { code, message: 'm' }).success).toBe(true);
    }
    expect(v.safeParse(IpcErrorSchema, { code: 'E_WHATEVER', message: 'm' }).success).toBe(false);
  });

  it('is pure: imports nothing but valibot and its own schema modules, which import only valibot', () => {
    const importsOf = (file: string) => {
      const source = readFileSync(
        path.resolve(import.meta.dirname, '../../../preload', file),
        'utf8',
      );
      return [
        ...source.matchAll(
          /^\s*(?:import|export)\s[^'"]*from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm,
        ),
      ].map((m) => m[1] ?? m[2]);
    };
    expect(new Set(importsOf('contract.ts'))).toEqual(
      new Set(['valibot', './browser-schemas.ts', './update-schemas.ts']),
    );
    expect(importsOf('browser-schemas.ts')).toEqual(['valibot']);
    expect(importsOf('update-schemas.ts')).toEqual(['valibot']);
  });

  it('requires a handler for every invoke channel at compile time', () => {
    // @ts-expect-error a handler table missing 'app.info' must not type-check
    const missing: InvokeHandlers = {};
    expect(missing).toEqual({});
  });
});
