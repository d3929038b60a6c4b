/**
 * App settings kept between runs (a JSON file in the data folder, through `conf`, the engine under
 * electron-store: atomic writes, a schema, defaults). Holds no secret.
 */
import { randomUUID } from 'node:crypto';
import Conf from 'conf';
import type { Logger } from '../log/types.ts';

/** Everything the settings file holds. */
export interface SettingsData {
  /** Stable per install; sent to Yandex so the token can be revoked as this device. */
  deviceId: string;
  /** The user allowed persisting secrets without an OS keyring (Linux basic_text). */
  weakSecretsOptIn: boolean;
  /** OAuth app overrides (TRACKER_CLIENT_ID / TRACKER_CLIENT_SECRET win over these). */
  oauthClientId: string;
  oauthClientSecret: string;
  /**
   * What the user set in the settings screen. Kept as read from the file: user-settings.ts
   * validates each part on read, so a hand-edited or older file never breaks the app.
   */
  user: unknown;
}

const DEFAULTS: SettingsData = {
  deviceId: '',
  weakSecretsOptIn: false,
  oauthClientId: '',
  oauthClientSecret: '',
  user: {},
};

/** Where the values live: the file, or memory when the file cannot be used. */
interface Backend {
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
}

function memoryBackend(): Backend {
  const values: SettingsData = { ...DEFAULTS };
  return {
    get: (key) => values[key],
    set: (key, value) => {
      values[key] = value;
    },
  };
}

/** Typed access to the settings file. */
export class SettingsStore {
  readonly #backend: Backend;

  /** Opens (or creates) the settings file in `dataDir`; throws when the folder is unusable. */
  constructor(dataDir: string | null) {
    if (dataDir === null) {
      this.#backend = memoryBackend();
    } else {
      const conf = new Conf<SettingsData>({
        cwd: dataDir,
        configName: 'settings',
        projectName: 'tracker-desktop',
        defaults: DEFAULTS,
        clearInvalidConfig: true,
      });
      this.#backend = {
        get: (key) => conf.get(key),
        set: (key, value) => conf.set(key, value as never),
      };
    }
    // A UUID fits Yandex's device_id rule (6–50 printable ASCII characters).
    const deviceId: unknown = this.#backend.get('deviceId');
    if (typeof deviceId !== 'string' || !/^[\x21-\x7e]{6,50}$/.test(deviceId))
      this.#backend.set('deviceId', randomUUID());
  }

  /** A store that keeps nothing between runs, for when the data folder cannot be written. */
  static inMemory(): SettingsStore {
    return new SettingsStore(null);
  }

  /** Reads one setting. */
  get<K extends keyof SettingsData>(key: K): SettingsData[K] {
    return this.#backend.get(key);
  }

  /** Writes one setting. */
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void {
    this.#backend.set(key, value);
  }
}

/**
 * Opens the settings file; when the data folder cannot hold it, the app still starts with settings
 * kept in memory for this run (logged), since nothing here is worth refusing to start over.
 */
export function openSettingsStore(dataDir: string, log: Logger): SettingsStore {
  try {
    return new SettingsStore(dataDir);
  } catch (error) {
    log.error('settings file unusable; settings are kept in memory for this run', { error });
    return SettingsStore.inMemory();
  }
}
