/**
 * The app's self-update status as the window shows it: the banner offering a restart (or the
 * release page), and the settings' updates section. Main checks and downloads on its own schedule;
 * this only mirrors `update.changed` and forwards the user's choices.
 */
import type {
  IpcError,
  TrackerBridge,
  Unsubscribe,
  UpdateManualReason,
  UpdateStatus,
} from '../../../../preload/contract.ts';
import { getBridge, resolveBridge, toIpcError, unwrap, type BridgeSource } from '../bridge.ts';

/** What the banner offers: a restart into a downloaded version, or its release page. */
export type UpdateOffer =
  | { readonly kind: 'restart'; readonly version: string }
  | {
      readonly kind: 'release';
      readonly version: string;
      readonly reason: UpdateManualReason;
      readonly releaseUrl: string | null;
    };

/** What "Later" remembers of an offer. */
function offerId(offer: UpdateOffer): string {
  return `${offer.kind}:${offer.version}`;
}

/** The update status and the user's actions on it; create one per window. */
export class UpdateStore {
  /** Main's latest status; null until loaded. */
  status: UpdateStatus | null = $state(null);
  /** The last action that failed (a check, a restart, opening the release page), or null. */
  error: IpcError | null = $state(null);
  /** The offer the user put off with "Later" (`kind:version`; this window, until restart). */
  dismissed: string | null = $state(null);

  /** What the banner should offer now, or null when there is nothing to say. */
  readonly offer: UpdateOffer | null = $derived.by(() => {
    const status = this.status;
    let offer: UpdateOffer | null = null;
    if (status?.state === 'ready') offer = { kind: 'restart', version: status.version };
    if (status?.state === 'manual') {
      const { version, reason, releaseUrl } = status;
      offer = { kind: 'release', version, reason, releaseUrl };
    }
    // "Later" on a failed download must not hide the restart once a retry has downloaded it.
    return offer && offerId(offer) !== this.dismissed ? offer : null;
  });

  readonly #source: BridgeSource;
  #unsubscribe: Unsubscribe | null = null;

  /** Uses `bridge`; by default the app's, looked up lazily. */
  constructor(bridge: BridgeSource = getBridge) {
    this.#source = bridge;
  }

  /** Follows `update.changed` until `dispose()`; start before `load()`. */
  start(): void {
    if (this.#unsubscribe) return;
    try {
      this.#unsubscribe = this.#bridge().update.onChanged((status) => {
        this.status = status;
      });
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  /** Reads the current status; never throws. */
  async load(): Promise<void> {
    await this.#run(async () => {
      this.status = unwrap(await this.#bridge().update.status());
    });
  }

  /** Asks main to check now; the outcome arrives as events. */
  async check(): Promise<void> {
    await this.#run(async () => {
      this.status = unwrap(await this.#bridge().update.check());
    });
  }

  /** Restarts into the downloaded version. */
  async install(): Promise<void> {
    await this.#run(async () => {
      unwrap(await this.#bridge().update.install());
    });
  }

  /** Opens the available version's release page in the browser. */
  async openReleasePage(): Promise<void> {
    await this.#run(async () => {
      unwrap(await this.#bridge().update.openReleasePage());
    });
  }

  /** Hides the banner for the offered version until the app restarts or a newer one appears. */
  dismiss(): void {
    if (this.offer) this.dismissed = offerId(this.offer);
  }

  /** Stops following events; harmless to call twice. */
  dispose(): void {
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = null;
    unsubscribe?.();
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.error = null;
    try {
      await action();
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  #bridge(): TrackerBridge {
    return resolveBridge(this.#source);
  }
}
