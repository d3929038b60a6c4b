/**
 * The single access point to `window.tracker`. Components and state classes never touch the global
 * directly, so tests can inject a fake bridge and a missing preload surfaces as one clear error.
 */
import type { ErrorCode, IpcError, IpcResult, TrackerBridge } from '../../../preload/contract.ts';

declare global {
  interface Window {
    /** Exposed by the preload script; absent when the page is opened outside the app. */
    readonly tracker?: TrackerBridge;
  }
}

/** A failed bridge call, or a missing bridge; `code` is what callers switch on. */
export class BridgeError extends Error {
  /** One of the contract's error codes. */
  readonly code: ErrorCode;

  /** Creates an error with a contract code and a human-readable message. */
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }
}

let injected: TrackerBridge | null = null;

/** Replaces `window.tracker` for tests and previews; `null` goes back to the real one. */
export function setBridge(bridge: TrackerBridge | null): void {
  injected = bridge;
}

/** Returns the injected bridge or `window.tracker`; throws `BridgeError` E_UNAVAILABLE if neither. */
export function getBridge(): TrackerBridge {
  const bridge = injected ?? (typeof window === 'undefined' ? undefined : window.tracker);
  if (!bridge) {
    throw new BridgeError(
      'E_UNAVAILABLE',
      'window.tracker is missing: this page must be loaded by Tracker Desktop, whose preload provides it',
    );
  }
  return bridge;
}

/** A bridge, or a function that finds one when first needed (so a missing preload is an error state). */
export type BridgeSource = TrackerBridge | (() => TrackerBridge);

/** The bridge behind `source`, looked up now; may throw `BridgeError` E_UNAVAILABLE. */
export function resolveBridge(source: BridgeSource): TrackerBridge {
  return typeof source === 'function' ? source() : source;
}

/** Returns a call result's data, or throws its error as a `BridgeError`. */
export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.data;
  throw new BridgeError(result.error.code, result.error.message);
}

/**
 * Turns anything a bridge call threw into the contract's error shape, so state classes can store
 * and show it; unexpected exceptions become E_INTERNAL rather than leaking an arbitrary object.
 */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof BridgeError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'E_INTERNAL', message };
}
