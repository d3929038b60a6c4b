/**
 * The user's settings as main keeps them, loaded through the bridge, kept current by
 * `settings.changed`, and changed part by part with {@link SettingsStore.update}. The theme and
 * the language are applied by the root component from here.
 */
import type {
  IpcError,
  IpcResult,
  TrackerBridge,
  Unsubscribe,
  UserSettings,
} from '../../../../preload/contract.ts';
import { getBridge, resolveBridge, toIpcError, unwrap, type BridgeSource } from '../bridge.ts';

/** A change to some top-level parts of the settings. */
export type SettingsPatch = Partial<UserSettings>;

/** The settings as reactive fields; create one per window. */
export class SettingsStore {
  /** What main last answered; null until loaded. */
  value: UserSettings | null = $state(null);
  /** The last failed call, cleared by the next success. */
  error: IpcError | null = $state(null);
  /** True while an update is being saved. */
  saving = $state(false);

  readonly #source: BridgeSource;
  #unsubscribe: Unsubscribe | null = null;

  /** Uses `bridge`; by default the app's bridge, looked up lazily. */
  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Fetches the settings; never throws. */
  async load(): Promise<void> {
    await this.#call((bridge) => bridge.settings.get());
  }

  /** Saves the given parts; resolves true when main accepted them. Never throws. */
  async update(patch: SettingsPatch): Promise<boolean> {
    this.saving = true;
    try {
      return await this.#call((bridge) => bridge.settings.update(patch));
    } finally {
      this.saving = false;
    }
  }

  /** Follows `settings.changed` until `dispose()`; start before `load()`. */
  start(): void {
    if (this.#unsubscribe) return;
    try {
      this.#unsubscribe = resolveBridge(this.#source).settings.onChanged((next) => {
        this.value = next;
      });
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  /** Stops following changes. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async #call(run: (bridge: TrackerBridge) => Promise<IpcResult<UserSettings>>): Promise<boolean> {
    try {
      this.value = unwrap(await run(resolveBridge(this.#source)));
      this.error = null;
      return true;
    } catch (error) {
      this.error = toIpcError(error);
      return false;
    }
  }
}
