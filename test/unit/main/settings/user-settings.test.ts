/**
 * User settings in the settings file: defaults, a damaged part falling back alone, patches that
 * replace whole parts and persist, listeners, the sync config derived from them, and the in-memory
 * store used when the data folder cannot hold the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore, openSettingsStore } from '../../../../main/settings/store.ts';
import {
  DEFAULT_USER_SETTINGS,
  apiLanguageOf,
  createUserSettings,
  syncConfigOf,
} from '../../../../main/settings/user-settings.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'settings-'));
  dirs.push(dir);
  return dir;
}

const file = (dir: string) => path.join(dir, 'settings.json');

describe('user settings', () => {
  it('starts from the defaults', () => {
    const settings = createUserSettings(new SettingsStore(dataDir()), createRecordingLogger());
    expect(settings.get()).toEqual({
      theme: 'system',
      language: 'system',
      sync: {
        scopes: ['assigned', 'followed', 'authored', 'summoned', 'favorites'],
        intervalMinutes: 5,
      },
      notifications: {
        enabled: true,
        assigned: true,
        summoned: false,
        comments: false,
        statusChanges: false,
        quietHours: { enabled: false, from: '22:00', to: '08:00' },
        pausedUntil: null,
      },
      // Closing to the tray is off by default: not every desktop shows a tray.
      desktop: { closeToTray: false, startAtLogin: false },
      pinnedQueues: [],
      savedSearches: [],
    });
  });

  it('falls back per part: a damaged part takes its default, the others are kept', () => {
    const dir = dataDir();
    writeFileSync(
      file(dir),
      JSON.stringify({
        deviceId: 'device-123456',
        user: {
          theme: 'dark',
          language: 'klingon',
          sync: { scopes: ['assigned', 'nonsense'], intervalMinutes: 5 },
          notifications: {
            enabled: false,
            assigned: false,
            summoned: true,
            comments: true,
            statusChanges: true,
          },
          pinnedQueues: ['OK', 'not a key'],
          savedSearches: [{ id: 's1', name: 'Mine', text: 'Assignee: me()', mode: 'query' }],
        },
      }),
    );
    const log = createRecordingLogger();
    const settings = createUserSettings(new SettingsStore(dir), log).get();
    expect(settings.theme).toBe('dark');
    expect(settings.language).toBe('system');
    expect(settings.sync).toEqual(DEFAULT_USER_SETTINGS.sync);
    expect(settings.notifications.summoned).toBe(true);
    expect(settings.pinnedQueues).toEqual([]);
    expect(settings.savedSearches).toHaveLength(1);
  });

  it('reads a user part that is not an object, or a whole corrupt file, as the defaults', () => {
    const dir = dataDir();
    writeFileSync(file(dir), JSON.stringify({ user: 'oops' }));
    expect(createUserSettings(new SettingsStore(dir), createRecordingLogger()).get()).toEqual(
      DEFAULT_USER_SETTINGS,
    );
    writeFileSync(file(dir), '{ not json');
    expect(createUserSettings(new SettingsStore(dir), createRecordingLogger()).get()).toEqual(
      DEFAULT_USER_SETTINGS,
    );
  });

  it('replaces the given parts whole, persists them and tells listeners', () => {
    const dir = dataDir();
    const settings = createUserSettings(new SettingsStore(dir), createRecordingLogger());
    const seen: Array<[string, string]> = [];
    const stop = settings.onChange((next, previous) => seen.push([previous.theme, next.theme]));
    const after = settings.update({ theme: 'light', pinnedQueues: ['ABC'] });
    expect(after).toMatchObject({ theme: 'light', pinnedQueues: ['ABC'], language: 'system' });
    settings.update({ sync: { scopes: ['assigned'], intervalMinutes: 15 } });
    expect(settings.get().sync).toEqual({ scopes: ['assigned'], intervalMinutes: 15 });
    expect(seen).toEqual([
      ['system', 'light'],
      ['light', 'light'],
    ]);
    stop();
    settings.update({ theme: 'dark' });
    expect(seen).toHaveLength(2);
    // Another run reads what this one wrote.
    const reopened = createUserSettings(new SettingsStore(dir), createRecordingLogger()).get();
    expect(reopened).toMatchObject({
      theme: 'dark',
      pinnedQueues: ['ABC'],
      sync: { scopes: ['assigned'], intervalMinutes: 15 },
    });
    const onDisk = JSON.parse(readFileSync(file(dir), 'utf8')) as { user: { theme: string } };
    expect(onDisk.user.theme).toBe('dark');
  });

  it('refuses an invalid update from inside main with E_BAD_REQUEST and keeps the file', () => {
    const settings = createUserSettings(new SettingsStore(dataDir()), createRecordingLogger());
    expect(() => settings.update({ theme: 'neon' as never })).toThrowError(
      expect.objectContaining({ code: 'E_BAD_REQUEST' }),
    );
    expect(settings.get().theme).toBe('system');
  });

  it('derives the sync config, always keeping opened issues', () => {
    expect(
      syncConfigOf({
        ...DEFAULT_USER_SETTINGS,
        sync: { scopes: ['assigned', 'summoned'], intervalMinutes: 2 },
        pinnedQueues: ['ABC'],
      }),
    ).toEqual({
      scopes: ['assigned', 'summoned', 'opened'],
      pinnedQueues: ['ABC'],
      intervalMs: 120_000,
    });
  });

  it('keeps settings in memory when the data folder cannot hold the file', () => {
    const dir = dataDir();
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const log = createRecordingLogger();
    const store = openSettingsStore(path.join(blocker, 'inside'), log);
    const settings = createUserSettings(store, log);
    settings.update({ theme: 'dark' });
    expect(settings.get().theme).toBe('dark');
    expect(store.get('deviceId')).toMatch(/^[\x21-\x7e]{6,50}$/);
  });
});

describe('apiLanguageOf', () => {
  it('follows the chosen language, else the OS locale', () => {
    expect(apiLanguageOf({ language: 'ru' }, 'en-US')).toBe('ru');
    expect(apiLanguageOf({ language: 'en' }, 'ru-RU')).toBe('en');
    expect(apiLanguageOf({ language: 'system' }, 'ru-RU')).toBe('ru');
    expect(apiLanguageOf({ language: 'system' }, 'RU')).toBe('ru');
    expect(apiLanguageOf({ language: 'system' }, 'en-GB')).toBe('en');
    expect(apiLanguageOf({ language: 'system' }, 'de-DE')).toBe('en');
  });
});
