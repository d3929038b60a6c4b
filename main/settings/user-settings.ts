/**
 * The user's settings (theme, language, sync, notifications, pinned queues, saved searches), kept
 * in the settings file under `user`. Each top-level part is validated on read on its own, so a
 * hand-edited, older or damaged part falls back to its default without taking the others along.
 */
import * as v from 'valibot';
import {
  DEFAULT_USER_SETTINGS,
  UserSettingsSchema,
  type UserSettings,
  type UserSettingsPatchSchema,
} from '../../preload/contract.ts';
import type { Language } from '../api/parse/values.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log/types.ts';
import type { SyncConfig } from '../sync/config.ts';
import type { SettingsStore } from './store.ts';

export { DEFAULT_USER_SETTINGS };

/** A change to the settings: the given top-level parts, each replaced whole. */
export type UserSettingsPatch = v.InferOutput<typeof UserSettingsPatchSchema>;

type Part = keyof UserSettings;
const PARTS = Object.keys(DEFAULT_USER_SETTINGS) as Part[];

/** A deep copy, so callers can never change the defaults or the stored value through a result. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Reads and writes the user settings; tells listeners about every change. */
export interface UserSettingsStore {
  /** The settings, every part valid. */
  get(): UserSettings;
  /** Replaces the given parts, persists, notifies; answers with all the settings. */
  update(patch: UserSettingsPatch): UserSettings;
  /** Calls `listener` after each update with the settings before and after; returns unsubscribe. */
  onChange(listener: (next: UserSettings, previous: UserSettings) => void): () => void;
}

/** Builds the user settings over the settings file. */
export function createUserSettings(store: SettingsStore, log: Logger): UserSettingsStore {
  const listeners = new Set<(next: UserSettings, previous: UserSettings) => void>();

  function read(): UserSettings {
    const stored: unknown = store.get('user');
    const raw: Record<string, unknown> =
      typeof stored === 'object' && stored !== null && !Array.isArray(stored)
        ? (stored as Record<string, unknown>)
        : {};
    const out: Record<string, unknown> = {};
    for (const part of PARTS) {
      const parsed = v.safeParse(UserSettingsSchema.entries[part], raw[part]);
      if (parsed.success) {
        out[part] = parsed.output;
      } else {
        if (raw[part] !== undefined)
          log.warn('settings: invalid part replaced by its default', { part });
        out[part] = copy(DEFAULT_USER_SETTINGS[part]);
      }
    }
    return out as UserSettings;
  }

  return {
    get: read,
    update(patch) {
      const previous = read();
      const next: UserSettings = { ...previous };
      for (const part of PARTS) {
        if (patch[part] !== undefined) (next as Record<Part, unknown>)[part] = copy(patch[part]);
      }
      // The patch was validated by the router; this guards callers inside main.
      const result = v.safeParse(UserSettingsSchema, next);
      if (!result.success) throw new AppError('E_BAD_REQUEST', 'These settings are not valid.');
      const checked = result.output;
      store.set('user', checked);
      for (const listener of listeners) {
        try {
          listener(copy(checked), previous);
        } catch (error) {
          log.error('settings listener failed', { error });
        }
      }
      return copy(checked);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * The part of the sync config the user controls. `opened` (issues the user opened) is always kept:
 * it is not a choice in the settings screen, and dropping it would empty the issues they opened.
 */
export function syncConfigOf(
  settings: UserSettings,
): Pick<SyncConfig, 'scopes' | 'pinnedQueues' | 'intervalMs'> {
  return {
    scopes: [...settings.sync.scopes, 'opened'],
    pinnedQueues: [...settings.pinnedQueues],
    intervalMs: settings.sync.intervalMinutes * 60_000,
  };
}

/**
 * The language Tracker answers in (Accept-Language, so statuses, priorities, types and user names):
 * the one the user chose, else the OS locale's (Russian for a `ru*` locale, English otherwise).
 */
export function apiLanguageOf(settings: Pick<UserSettings, 'language'>, locale: string): Language {
  if (settings.language === 'ru' || settings.language === 'en') return settings.language;
  return locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
