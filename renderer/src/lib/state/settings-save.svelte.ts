/**
 * Saving the settings screen's changes as they are made: every control calls
 * {@link SettingsSaver.save} with the part it changed, and the screen shows "Saving…", "Saved" or
 * an error with a retry. Changes are sent one after another and shown at once (a draft laid over
 * what main answered), so two quick toggles of the same part never overwrite each other.
 */
import type { IpcError, UserSettings } from '../../../../preload/contract.ts';
import type { SettingsPatch, SettingsStore } from './settings.svelte.ts';

/** Where saving is: nothing yet, in flight, done, or failed (see `error`). */
export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** Saves settings parts through a {@link SettingsStore}; create one per settings screen. */
export class SettingsSaver {
  /** Where the latest save is. */
  state: SaveState = $state('idle');
  /** Why the latest save failed, or null. */
  error: IpcError | null = $state(null);
  /** The settings as the screen shows them: main's answer with unsaved changes laid over it. */
  readonly value: UserSettings | null = $derived.by(() => {
    const saved = this.#store.value;
    return saved ? { ...saved, ...this.#draft } : null;
  });

  readonly #store: SettingsStore;
  // Changes not yet confirmed by main, and the chain that sends them in order.
  #draft: SettingsPatch = $state({});
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #failed = false;

  /** Saves through `store`. */
  constructor(store: SettingsStore) {
    this.#store = store;
  }

  /**
   * Shows `patch` at once and saves it after any save still in flight, together with earlier
   * changes that failed to save; resolves true on success.
   */
  save(patch: SettingsPatch): Promise<boolean> {
    this.#draft = { ...this.#draft, ...patch };
    return this.#send();
  }

  /** Sends every change that failed to save again. */
  retry(): Promise<boolean> {
    return this.#send();
  }

  #send(): Promise<boolean> {
    this.#pending += 1;
    this.#failed = false;
    this.state = 'saving';
    const run = this.#queue.then(async () => {
      // The draft as it is when this save's turn comes, so it carries every change made so far;
      // a snapshot, because IPC cannot clone the reactive proxies that hold it.
      const done = await this.#store.update($state.snapshot(this.#draft));
      this.#pending -= 1;
      if (!done) {
        this.#failed = true;
        this.error = this.#store.error;
        this.state = 'error';
      } else if (this.#pending === 0 && !this.#failed) {
        // Everything sent has been accepted, so main's answer now holds every change.
        this.error = null;
        this.state = 'saved';
        this.#draft = {};
      }
      return done;
    });
    this.#queue = run;
    return run;
  }
}
