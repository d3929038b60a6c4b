/**
 * Device-code sign-in through the session. startEmulator does not expose the polling interval (5 s
 * by default), so the OAuth side runs on a server of its own built with createOAuthHandler and a
 * 1 s interval, sharing the emulator's token registry; the Tracker API is the emulator's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../main/emulator/server.ts';
import { SECRET_SERVICE } from '../../../../main/session/service.ts';
import {
  OAUTH_CLIENTS,
  createRig,
  expectNoLeaks,
  leakGuard,
  startShortDeviceOAuth,
  tempDirs,
  until,
} from './helpers.ts';

let emulator: Emulator;
let oauth: Awaited<ReturnType<typeof startShortDeviceOAuth>>;
const guard = leakGuard();
const dirs = tempDirs();

beforeAll(async () => {
  emulator = await startEmulator({ issues: 20, seed: 3, oauthClients: OAUTH_CLIENTS });
  oauth = await startShortDeviceOAuth(emulator);
});

afterEach(() => dirs.cleanup());

afterAll(async () => {
  await oauth.close();
  await emulator.close();
  expectNoLeaks(guard);
});

const rigOptions = () => ({ oauthBase: oauth.oauthBase });

describe('device sign-in', () => {
  it('shows the code, then signs in through auth.changed once the user approves', async () => {
    const rig = await createRig(emulator, guard, dirs, rigOptions());
    const started = Date.now();
    const waiting = await rig.session.startDevice({ id: emulator.org.id, kind: 'auto' });

    if (waiting.status !== 'signingIn' || !waiting.device) throw new Error('no device code');
    expect(waiting.method).toBe('device');
    expect(waiting.device.userCode).toMatch(/^\d{7}$/);
    expect(waiting.device.verificationUrl).toBe(`${oauth.oauthBase}/device`);
    expect(waiting.device.expiresAt).toBeGreaterThan(started);
    expect(waiting.device.expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
    // First "requesting a code…", then the code itself.
    expect(rig.changes).toEqual([
      { status: 'signingIn', method: 'device', storage: waiting.storage },
      waiting,
    ]);
    expect(rig.session.state()).toEqual(waiting);

    expect(oauth.oauth.approveDevice(waiting.device.userCode)).toBe(true);
    await until(() => rig.changes.length >= 3, 4000);

    const done = rig.changes[2];
    expect(done).toMatchObject({
      status: 'signedIn',
      user: { login: emulator.login },
      org: { id: emulator.org.id, kind: '360' },
    });
    expect(rig.session.state()).toEqual(done);
    expect((await rig.session.client()?.myself())?.login).toBe(emulator.login);
    const key = rig.accounts.current()?.key ?? '';
    expect(await rig.secrets.getPassword(SECRET_SERVICE, `${key}#access`)).toMatch(/^y0_/);
    expect(await rig.secrets.getPassword(SECRET_SERVICE, `${key}#refresh`)).toBeTruthy();
    expect(rig.clientCalls).toHaveLength(1);
    // The device code request identified this install.
    const codeRequest = rig.net.oauth().find((r) => r.url.pathname === '/oauth/device/code');
    expect(codeRequest?.form?.get('device_id')).toBe('device-123456');
    expect(rig.violations).toEqual([]);

    // The finished flow must not linger: signing out afterwards is a plain sign-out.
    const out = await rig.session.signOut(false);
    expect(out.status).toBe('signedOut');
  });

  it('a denial ends in signedOut with the reason', async () => {
    const rig = await createRig(emulator, guard, dirs, rigOptions());
    const waiting = await rig.session.startDevice({ id: emulator.org.id, kind: 'auto' });
    if (waiting.status !== 'signingIn' || !waiting.device) throw new Error('no device code');

    expect(oauth.oauth.denyDevice(waiting.device.userCode)).toBe(true);
    await until(() => rig.session.state().status !== 'signingIn', 4000);

    const state = rig.session.state();
    expect(state).toMatchObject({ status: 'signedOut', reason: { code: 'E_FORBIDDEN' } });
    expect(rig.changes.map((s) => s.status)).toEqual(['signingIn', 'signingIn', 'signedOut']);
    expect(rig.accounts.list()).toEqual([]);
    expect(rig.clientCalls).toEqual([]);
  });

  it('cancel ends in signedOut without a reason and stops polling', async () => {
    const rig = await createRig(emulator, guard, dirs, rigOptions());
    const waiting = await rig.session.startDevice({ id: emulator.org.id, kind: 'auto' });
    if (waiting.status !== 'signingIn' || !waiting.device) throw new Error('no device code');

    const state = await rig.session.cancel();
    expect(state).toEqual({ status: 'signedOut', storage: { kind: 'memory', weakOptIn: false } });

    // Approving now changes nothing: nobody polls any more.
    oauth.oauth.approveDevice(waiting.device.userCode);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const polls = rig.net
      .oauth()
      .filter((r) => r.url.pathname === '/oauth/token' && r.form?.get('grant_type'));
    expect(polls).toEqual([]);
    expect(rig.session.state()).toEqual(state);
    expect(rig.changes.every((s) => s.status !== 'signedIn')).toBe(true);
    expect(rig.changes.at(-1)).toEqual(state);
    expect(rig.accounts.list()).toEqual([]);
  });

  it('a browser sign-in started while a device code is shown replaces the device flow', async () => {
    const rig = await createRig(emulator, guard, dirs, {
      ...rigOptions(),
      openExternal: () => new Promise<void>(() => undefined),
    });
    const waiting = await rig.session.startDevice({ id: emulator.org.id, kind: 'auto' });
    if (waiting.status !== 'signingIn' || !waiting.device) throw new Error('no device code');
    const browser = rig.session.signIn({ id: emulator.org.id, kind: 'auto' });
    await until(() => rig.session.state().status === 'signingIn' && rig.changes.length === 3);
    expect(rig.session.state()).toMatchObject({ status: 'signingIn', method: 'loopback' });

    // The device flow is gone: approving its code does not sign in.
    oauth.oauth.approveDevice(waiting.device.userCode);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(rig.session.state()).toMatchObject({ status: 'signingIn', method: 'loopback' });

    await rig.session.cancel();
    expect((await browser).status).toBe('signedOut');
  });
});
