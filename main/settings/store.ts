/**
 * App settings kept between runs (a JSON file in the data folder, through `conf`, the engine under
 * electron-store: atomic writes, a schema, defaults). Holds no secret.
 */
import { randomUUID } from 'node:crypto';
import Conf from 'conf';

/** Everything the settings file holds. */
export interface SettingsData {
  /** Stable per install; sent to Yandex so the token can be revoked as this device. */
  deviceId: string;
  /** The user allowed persisting secrets without an OS keyring (Linux basic_text). */
  weakSecretsOptIn: boolean;
  /** OAuth app overrides (TRACKER_CLIENT_ID / TRACKER_CLIENT_SECRET win over these). */
  oauthClientId: string;
  oauthClientSecret: string;
}

/** Typed access to the settings file. */
export class SettingsStore {
  readonly #conf: Conf<SettingsData>;

  constructor(dataDir: string) {
    this.#conf = new Conf<SettingsData>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'tracker-desktop',
      defaults: { deviceId: '', weakSecretsOptIn: false, oauthClientId: '', oauthClientSecret: '' },
      clearInvalidConfig: true,
    });
    // A UUID fits Yandex's device_id rule (6–50 printable ASCII characters).
    if (!/^[\x21-\x7e]{6,50}$/.test(this.#conf.get('deviceId')))
      this.#conf.set('deviceId', randomUUID());
  }

  /** Reads one setting. */
  get<K extends keyof SettingsData>(key: K): SettingsData[K] {
    return this.#conf.get(key);
  }

  /** Writes one setting. */
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void {
    this.#conf.set(key, value);
  }
}
