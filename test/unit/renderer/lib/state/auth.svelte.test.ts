import { describe, expect, it } from 'vitest';
import type { AuthState, IpcResult } from '../../../../../preload/contract.ts';
import { AuthStore } from '../../../../../renderer/src/lib/state/auth.svelte.ts';
import {
  AUTH_SIGNED_IN_FIXTURE,
  createFakeBridge,
  DEVICE_CODE_FIXTURE,
  fail,
  ok,
} from '../../../../fakes/bridge.ts';

const OS = { kind: 'os', weakOptIn: false } as const;
const SIGNED_OUT: AuthState = { status: 'signedOut', storage: OS };
const ORG = { id: 'acme', kind: 'auto' } as const;

describe('AuthStore', () => {
  it('starts signed out, unknown and idle, without calling the bridge', () => {
    const fake = createFakeBridge();
    const store = new AuthStore(fake.bridge);
    expect(store.state).toEqual(SIGNED_OUT);
    expect(store.known).toBe(false);
    expect(store.busy).toBe(false);
    expect(store.error).toBeNull();
    expect(store.cancelled).toBe(false);
    expect(fake.calls('auth.state')).toHaveLength(0);
  });

  it('load() takes the state main reports and marks it known', async () => {
    const fake = createFakeBridge({ auth: AUTH_SIGNED_IN_FIXTURE });
    const store = new AuthStore(fake.bridge);
    const loading = store.load();
    expect(store.busy).toBe(true);
    await loading;
    expect(store.busy).toBe(false);
    expect(store.known).toBe(true);
    expect(store.state).toEqual(AUTH_SIGNED_IN_FIXTURE);
    expect(fake.calls('auth.state')).toEqual([undefined]);
  });

  it('signIn() sends the org on auth.signIn, shows signingIn at once, then the signed-in state', async () => {
    const fake = createFakeBridge();
    const store = new AuthStore(fake.bridge);
    const release = fake.hold('auth.signIn');
    const signingIn = store.signIn({ id: 'acme', kind: '360' });
    expect(store.state).toEqual({ status: 'signingIn', method: 'loopback', storage: OS });
    expect(store.busy).toBe(true);
    release();
    await expect(signingIn).resolves.toBe(true);
    expect(fake.calls('auth.signIn')).toEqual([{ org: { id: 'acme', kind: '360' } }]);
    expect(store.state).toEqual({
      ...AUTH_SIGNED_IN_FIXTURE,
      org: { id: 'acme', kind: '360' },
    });
    expect(store.busy).toBe(false);
    expect(store.error).toBeNull();
  });

  it('startDevice() sends the org on auth.startDevice and shows the code main answers', async () => {
    const fake = createFakeBridge();
    const store = new AuthStore(fake.bridge);
    store.start();
    await expect(store.startDevice({ id: 'bpf3', kind: 'cloud' })).resolves.toBe(true);
    expect(fake.calls('auth.startDevice')).toEqual([{ org: { id: 'bpf3', kind: 'cloud' } }]);
    expect(store.state.status === 'signingIn' && store.state.method).toBe('device');
    expect(store.state.status === 'signingIn' && store.state.device?.userCode).toBe(
      DEVICE_CODE_FIXTURE.userCode,
    );
    // The device flow finishes by event.
    fake.finishSignIn();
    expect(store.state).toEqual({ ...AUTH_SIGNED_IN_FIXTURE, org: { id: 'bpf3', kind: 'cloud' } });
  });

  it('pasteToken() sends token, kind and org on auth.pasteToken and keeps no copy', async () => {
    const fake = createFakeBridge();
    const store = new AuthStore(fake.bridge);
    const token = 'y0_AgAAAABexampleTOKEN1234567890';
    await store.pasteToken(token, 'iam', { id: 'bpf3', kind: 'cloud' });
    expect(fake.calls('auth.pasteToken')).toEqual([
      { token, tokenKind: 'iam', org: { id: 'bpf3', kind: 'cloud' } },
    ]);
    expect(store.state.status).toBe('signedIn');
    expect(JSON.stringify(store.state)).not.toContain(token);
    expect(JSON.stringify(store.error)).not.toContain(token);
  });

  it('a failed sign-in keeps the last state main reported and exposes the error', async () => {
    const fake = createFakeBridge({
      pasteTokenError: { code: 'E_UNAUTHORIZED', message: 'token expired' },
    });
    const store = new AuthStore(fake.bridge);
    await store.load();
    await expect(store.pasteToken('0123456789abcdef', 'oauth', ORG)).resolves.toBe(false);
    expect(store.state).toEqual(SIGNED_OUT);
    expect(store.error).toEqual({ code: 'E_UNAUTHORIZED', message: 'token expired' });
    expect(store.busy).toBe(false);
  });

  it('rolls back the optimistic signingIn when the call fails without any event', async () => {
    const fake = createFakeBridge({
      handlers: { 'auth.signIn': () => fail('E_FORBIDDEN', 'org refused') },
    });
    const store = new AuthStore(fake.bridge);
    await store.signIn(ORG);
    expect(store.state).toEqual(SIGNED_OUT);
    expect(store.error).toEqual({ code: 'E_FORBIDDEN', message: 'org refused' });
  });

  it('keeps a state main sent by event during a failed call rather than rolling back', async () => {
    const fake = createFakeBridge();
    const store = new AuthStore(fake.bridge);
    store.start();
    const reason = { code: 'E_OFFLINE', message: 'no network' } as const;
    fake.setHandler('auth.signIn', () => {
      fake.emit('auth.changed', { status: 'signedOut', storage: OS, reason });
      return fail('E_OFFLINE', 'no network');
    });
    await store.signIn(ORG);
    expect(store.state).toEqual({ status: 'signedOut', storage: OS, reason });
    expect(store.error?.code).toBe('E_OFFLINE');
  });

  it('a new attempt clears the previous error', async () => {
    const fake = createFakeBridge({
      handlers: { 'auth.signIn': () => fail('E_UNAVAILABLE', 'down') },
    });
    const store = new AuthStore(fake.bridge);
    await store.signIn(ORG);
    expect(store.error?.code).toBe('E_UNAVAILABLE');
    const release = fake.hold('auth.startDevice');
    const next = store.startDevice(ORG);
    expect(store.error).toBeNull();
    release();
    await next;
    expect(store.error).toBeNull();
  });

  it('cancel() stops a browser sign-in: no error, marked cancelled, signed out', async () => {
    const fake = createFakeBridge({ loopback: 'manual' });
    const store = new AuthStore(fake.bridge);
    store.start();
    const signingIn = store.signIn(ORG);
    await Promise.resolve();
    expect(store.state).toEqual({ status: 'signingIn', method: 'loopback', storage: OS });
    expect(store.busy).toBe(true);
    await expect(store.cancel()).resolves.toBe(true);
    await signingIn;
    expect(fake.calls('auth.cancel')).toEqual([undefined]);
    expect(store.state).toEqual(SIGNED_OUT);
    expect(store.cancelled).toBe(true);
    expect(store.error).toBeNull();
    expect(store.busy).toBe(false);
  });

  it('a sign-in that main fails because it was cancelled reads as cancelled, not as an error', async () => {
    let answer: (result: IpcResult<AuthState>) => void = () => {};
    const fake = createFakeBridge({
      handlers: {
        'auth.signIn': () => new Promise((resolve) => (answer = resolve)),
        'auth.cancel': () => ok(SIGNED_OUT),
      },
    });
    const store = new AuthStore(fake.bridge);
    const signingIn = store.signIn(ORG);
    await store.cancel();
    answer(fail('E_BAD_REQUEST', 'cancelled by the user'));
    await expect(signingIn).resolves.toBe(false);
    expect(store.error).toBeNull();
    expect(store.cancelled).toBe(true);
    expect(store.state).toEqual(SIGNED_OUT);

    // The next attempt forgets the cancellation.
    fake.setHandler('auth.signIn', () => fail('E_OFFLINE', 'offline'));
    await store.signIn(ORG);
    expect(store.cancelled).toBe(false);
    expect(store.error?.code).toBe('E_OFFLINE');
  });

  it('a failed cancel() shows its error and the sign-in goes on', async () => {
    const fake = createFakeBridge({
      loopback: 'manual',
      handlers: { 'auth.cancel': () => fail('E_INTERNAL', 'stuck') },
    });
    const store = new AuthStore(fake.bridge);
    store.start();
    void store.signIn(ORG);
    await expect(store.cancel()).resolves.toBe(false);
    expect(store.cancelled).toBe(false);
    expect(store.error?.code).toBe('E_INTERNAL');
    expect(store.state.status).toBe('signingIn');
    fake.finishSignIn();
    expect(store.state.status).toBe('signedIn');
    expect(store.error).toBeNull();
  });

  it('signOut() sends clearCache and goes back to signed out', async () => {
    const fake = createFakeBridge({ auth: AUTH_SIGNED_IN_FIXTURE });
    const store = new AuthStore(fake.bridge);
    await store.load();
    await expect(store.signOut(true)).resolves.toBe(true);
    expect(fake.calls('auth.signOut')).toEqual([{ clearCache: true }]);
    expect(store.state).toEqual(SIGNED_OUT);
    await store.load();
    await store.signOut(false);
    expect(fake.calls('auth.signOut')).toEqual([{ clearCache: true }, { clearCache: false }]);
  });

  it('a failed signOut() keeps the user signed in and exposes the error', async () => {
    const fake = createFakeBridge({
      auth: AUTH_SIGNED_IN_FIXTURE,
      handlers: { 'auth.signOut': () => fail('E_INTERNAL', 'cache locked') },
    });
    const store = new AuthStore(fake.bridge);
    await store.load();
    await expect(store.signOut(true)).resolves.toBe(false);
    expect(store.state).toEqual(AUTH_SIGNED_IN_FIXTURE);
    expect(store.error).toEqual({ code: 'E_INTERNAL', message: 'cache locked' });
  });

  it('allowWeakStorage() sends the choice and takes the storage main reports', async () => {
    const weak = { status: 'signedOut', storage: { kind: 'weak', weakOptIn: false } } as const;
    const fake = createFakeBridge({ auth: weak });
    const store = new AuthStore(fake.bridge);
    await store.load();
    await store.allowWeakStorage(true);
    expect(fake.calls('auth.allowWeakStorage')).toEqual([{ allow: true }]);
    expect(store.state.storage).toEqual({ kind: 'weak', weakOptIn: true });
    await store.allowWeakStorage(false);
    expect(store.state.storage).toEqual({ kind: 'weak', weakOptIn: false });
  });

  it('follows auth.changed events after start(), and a sign-in clears old messages', async () => {
    const fake = createFakeBridge({
      handlers: { 'auth.signIn': () => fail('E_OFFLINE', 'offline') },
    });
    const store = new AuthStore(fake.bridge);
    store.start();
    await store.signIn(ORG);
    expect(store.error).not.toBeNull();
    fake.emit('auth.changed', { status: 'signingIn', method: 'device', storage: OS });
    expect(store.known).toBe(true);
    expect(store.state).toEqual({ status: 'signingIn', method: 'device', storage: OS });
    expect(store.error).toBeNull();
    fake.emit('auth.changed', AUTH_SIGNED_IN_FIXTURE);
    expect(store.state).toEqual(AUTH_SIGNED_IN_FIXTURE);
  });

  it('start() twice keeps one subscription; dispose() releases it and stops updates', () => {
    const fake = createFakeBridge();
    const store = new AuthStore(fake.bridge);
    store.start();
    const stop = store.start();
    expect(fake.listenerCount('auth.changed')).toBe(1);
    stop();
    expect(fake.listenerCount('auth.changed')).toBe(0);
    store.dispose();
    fake.emit('auth.changed', AUTH_SIGNED_IN_FIXTURE);
    expect(store.state).toEqual(SIGNED_OUT);
  });

  it('becomes an E_UNAVAILABLE error, not an exception, when there is no bridge', async () => {
    const store = new AuthStore();
    expect(() => store.start()).not.toThrow();
    expect(store.error?.code).toBe('E_UNAVAILABLE');
    await expect(store.signIn(ORG)).resolves.toBe(false);
    expect(store.error?.code).toBe('E_UNAVAILABLE');
    expect(store.state).toEqual(SIGNED_OUT);
    expect(store.known).toBe(false);
    expect(store.busy).toBe(false);
  });

  it('an unexpected exception becomes E_INTERNAL rather than escaping', async () => {
    const store = new AuthStore(() => {
      throw new Error('bridge exploded');
    });
    await expect(store.load()).resolves.toBeUndefined();
    expect(store.error).toEqual({ code: 'E_INTERNAL', message: 'bridge exploded' });
  });

  it('clearMessages() drops the error and the cancelled notice', async () => {
    const fake = createFakeBridge({
      handlers: { 'auth.signIn': () => fail('E_OFFLINE', 'offline') },
    });
    const store = new AuthStore(fake.bridge);
    await store.signIn(ORG);
    store.cancelled = true;
    store.clearMessages();
    expect(store.error).toBeNull();
    expect(store.cancelled).toBe(false);
  });
});
