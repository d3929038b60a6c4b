import { afterEach, describe, expect, it } from 'vitest';
import {
  BridgeError,
  getBridge,
  setBridge,
  toIpcError,
  unwrap,
} from '../../../../renderer/src/lib/bridge.ts';
import { createFakeBridge } from '../../../fakes/bridge.ts';

function exposeOnWindow(value: unknown): void {
  Object.defineProperty(window, 'tracker', { value, configurable: true });
}

afterEach(() => {
  setBridge(null);
  Reflect.deleteProperty(window, 'tracker');
});

describe('unwrap', () => {
  it('returns the data of a successful result', () => {
    expect(unwrap({ ok: true, data: { n: 1 } })).toEqual({ n: 1 });
  });

  it('throws a BridgeError carrying the code and message of a failed result', () => {
    const failed = { ok: false, error: { code: 'E_OFFLINE', message: 'no network' } } as const;
    expect(() => unwrap(failed)).toThrow(BridgeError);
    try {
      unwrap(failed);
    } catch (error) {
      expect(error).toMatchObject({
        name: 'BridgeError',
        code: 'E_OFFLINE',
        message: 'no network',
      });
    }
  });
});

describe('getBridge', () => {
  it('throws BridgeError E_UNAVAILABLE when there is no window.tracker', () => {
    expect(() => getBridge()).toThrow(expect.objectContaining({ code: 'E_UNAVAILABLE' }));
    expect(() => getBridge()).toThrow(/window\.tracker is missing/);
  });

  it('returns window.tracker when the preload exposed it', () => {
    const fake = createFakeBridge();
    exposeOnWindow(fake.bridge);
    expect(getBridge()).toBe(fake.bridge);
  });

  it('prefers a bridge injected with setBridge, and falls back after setBridge(null)', () => {
    const onWindow = createFakeBridge().bridge;
    const injected = createFakeBridge().bridge;
    exposeOnWindow(onWindow);
    setBridge(injected);
    expect(getBridge()).toBe(injected);
    setBridge(null);
    expect(getBridge()).toBe(onWindow);
  });
});

describe('toIpcError', () => {
  it('keeps the code of a BridgeError and maps anything else to E_INTERNAL', () => {
    expect(toIpcError(new BridgeError('E_FORBIDDEN', 'nope'))).toEqual({
      code: 'E_FORBIDDEN',
      message: 'nope',
    });
    expect(toIpcError(new TypeError('boom'))).toEqual({ code: 'E_INTERNAL', message: 'boom' });
    expect(toIpcError('odd')).toEqual({ code: 'E_INTERNAL', message: 'odd' });
  });
});
