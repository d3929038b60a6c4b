/**
 * The session service against the emulator: browser sign-in, organization detection, token paste,
 * cancel, refresh (single flight and failure) and sign-out.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../../../../main/api/index.ts';
import { isAppError } from '../../../../main/errors.ts';
import { startEmulator, type Emulator } from '../../../../main/emulator/server.ts';
import { accountKey } from '../../../../main/session/accounts.ts';
import { SECRET_SERVICE } from '../../../../main/session/service.ts';
import {
  OAUTH_CLIENTS,
  createRig,
  errorTexts,
  expectNoLeaks,
  leakGuard,
  myselfStatus,
  pastedToken,
  scriptedBrowser,
  tempDirs,
  until,
  type Rig,
} from './helpers.ts';

let emulator: Emulator;
const guard = leakGuard();
const dirs = tempDirs();

beforeAll(async () => {
  emulator = await startEmulator({
    issues: 20,
    seed: 7,
    autoApprove: true,
    oauthClients: OAUTH_CLIENTS,
  });
});

afterEach(() => dirs.cleanup());

afterAll(async () => {
  await emulator.close();
  expectNoLeaks(guard);
});

const secret = (rig: Rig, key: string, part: 'access' | 'refresh') =>
  rig.secrets.getPassword(SECRET_SERVICE, `${key}#${part}`);

/** Signs in through the scripted browser in the 360 organization. */
async function browserSignIn(): Promise<Rig> {
  const browser = scriptedBrowser(guard);
  const rig = await createRig(emulator, guard, dirs, { openExternal: browser.openExternal });
  const state = await rig.session.signIn({ id: emulator.org.id, kind: 'auto' });
  expect(state.status).toBe('signedIn');
  expect(browser.seen.callbackStatus).toBe(200);
  return rig;
}

/** The code of a rejection (an AppError), failing when the promise resolves. */
async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await promise.then(
    () => expect.fail('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!isAppError(error)) throw new Error(`not an AppError: ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('browser sign-in', () => {
  it('goes signingIn(loopback) → signedIn, stores the tokens and hands out a working client', async () => {
    const browser = scriptedBrowser(guard);
    const rig = await createRig(emulator, guard, dirs, { openExternal: browser.openExternal });
    expect(rig.session.state()).toEqual({
      status: 'signedOut',
      storage: { kind: 'memory', weakOptIn: false },
    });
    expect(rig.session.client()).toBeNull();

    const state = await rig.session.signIn({ id: emulator.org.id, kind: 'auto' });

    expect(browser.seen.opened).toHaveLength(1);
    expect(browser.seen.callbackStatus).toBe(200);
    expect(state).toMatchObject({
      status: 'signedIn',
      user: { login: emulator.login },
      org: { id: emulator.org.id, kind: '360' },
    });
    expect(rig.session.state()).toEqual(state);
    expect(rig.changes.map((s) => s.status)).toEqual(['signingIn', 'signedIn']);
    expect(rig.changes[0]).toMatchObject({ status: 'signingIn', method: 'loopback' });
    expect(rig.changes[1]).toEqual(state);
    expect(rig.violations).toEqual([]);

    const account = rig.accounts.current();
    expect(account).toMatchObject({
      login: emulator.login,
      org: { id: emulator.org.id, kind: '360' },
      tokenKind: 'oauth',
    });
    if (!account) throw new Error('no account');
    expect(account.key).toBe(accountKey(account.uid, { kind: '360', id: emulator.org.id }));

    const access = await secret(rig, account.key, 'access');
    const refresh = await secret(rig, account.key, 'refresh');
    expect(access).toMatch(/^y0_/);
    expect(refresh).toBeTruthy();
    // The code exchange answered with exactly these tokens.
    const exchange = rig.net
      .oauth()
      .find((r) => r.form?.get('grant_type') === 'authorization_code');
    expect(exchange?.form?.get('device_id')).toBe('device-123456');

    const client = rig.session.client();
    expect(client).not.toBeNull();
    const me = await client?.myself();
    expect(me?.login).toBe(emulator.login);
    expect(rig.net.api().at(-1)?.authorization).toBe(`OAuth ${access}`);

    expect(rig.clientCalls).toHaveLength(1);
    expect(rig.clientCalls[0]?.client).toBe(client);
    expect(rig.clientCalls[0]?.account).toEqual(account);
    expect(rig.clientCalls[0]?.clearCache).toBe(false);
  });

  it('cancel while the browser is open resolves signIn with signedOut and closes the loopback', async () => {
    const browser = scriptedBrowser(guard, 'hang');
    const rig = await createRig(emulator, guard, dirs, { openExternal: browser.openExternal });
    const pending = rig.session.signIn({ id: emulator.org.id, kind: 'auto' });
    await until(() => browser.seen.opened.length === 1);
    const redirect = new URL(browser.seen.opened[0] ?? '').searchParams.get('redirect_uri') ?? '';
    expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    // The loopback server is listening while the user is in the browser.
    const before = await fetch(redirect);
    expect(before.status).toBe(400);
    await before.text();

    const cancelled = await rig.session.cancel();
    expect(cancelled).toEqual({
      status: 'signedOut',
      storage: { kind: 'memory', weakOptIn: false },
    });
    const final = await pending;
    expect(final.status).toBe('signedOut');
    expect(final).not.toHaveProperty('reason');
    expect(rig.session.state()).toEqual(final);
    await expect(fetch(redirect)).rejects.toThrow();
    expect(rig.net.oauth()).toEqual([]);
    expect(rig.accounts.current()).toBeNull();
    expect(rig.clientCalls).toEqual([]);
  });

  it('without an OAuth app explains how to configure one', async () => {
    const rig = await createRig(emulator, guard, dirs, { auth: null });
    // A rejected promise, not a synchronous throw: callers chain .catch() on it.
    let pending: Promise<unknown> | undefined;
    expect(() => {
      pending = rig.session.signIn({ id: emulator.org.id, kind: 'auto' });
    }).not.toThrow();
    const signIn = await rejection(pending ?? Promise.resolve());
    expect(signIn.code).toBe('E_BAD_REQUEST');
    expect(signIn.message).toContain('TRACKER_CLIENT_ID');
    const device = await rejection(rig.session.startDevice({ id: emulator.org.id, kind: 'auto' }));
    expect(device.code).toBe('E_BAD_REQUEST');
    expect(rig.net.requests).toEqual([]);
  });
});

describe('organization detection', () => {
  it("auto with a Cloud organization id probes 360 first, then settles on 'cloud'", async () => {
    const rig = await createRig(emulator, guard, dirs);
    const state = await rig.session.pasteToken(pastedToken(emulator, guard), 'oauth', {
      id: emulator.cloudOrg.id,
      kind: 'auto',
    });
    expect(state).toMatchObject({
      status: 'signedIn',
      org: { id: emulator.cloudOrg.id, kind: 'cloud' },
    });
    const probes = rig.net.api();
    expect(probes.map((r) => [r.orgId, r.cloudOrgId])).toEqual([
      [emulator.cloudOrg.id, null],
      [null, emulator.cloudOrg.id],
    ]);
    expect(rig.accounts.current()?.org).toEqual({ id: emulator.cloudOrg.id, kind: 'cloud' });
    // The session's client talks to Cloud from now on.
    await rig.session.client()?.myself();
    expect(rig.net.api().at(-1)?.cloudOrgId).toBe(emulator.cloudOrg.id);
  });

  it('an unknown organization id is E_FORBIDDEN in plain words and leaves the user signed out', async () => {
    const rig = await createRig(emulator, guard, dirs);
    const failure = await rejection(
      rig.session.pasteToken(pastedToken(emulator, guard), 'oauth', {
        id: 'no-such-org-42',
        kind: 'auto',
      }),
    );
    expect(failure.code).toBe('E_FORBIDDEN');
    expect(failure.message).toContain('no-such-org-42');
    expect(failure.message).toContain('neither as a Yandex 360 nor as a Yandex Cloud');
    const state = rig.session.state();
    expect(state).toEqual({
      status: 'signedOut',
      storage: { kind: 'memory', weakOptIn: false },
      reason: { code: 'E_FORBIDDEN', message: failure.message },
    });
    expect(rig.changes.map((s) => s.status)).toEqual(['signingIn', 'signedOut']);
    expect(rig.net.api()).toHaveLength(2);
    expect(rig.accounts.list()).toEqual([]);
    expect(await rig.secrets.findCredentials(SECRET_SERVICE)).toEqual([]);
    expect(rig.session.client()).toBeNull();
    expect(rig.clientCalls).toEqual([]);
  });

  it("a forced '360' kind with a Cloud id is E_FORBIDDEN that points at the other kind", async () => {
    const rig = await createRig(emulator, guard, dirs);
    const failure = await rejection(
      rig.session.pasteToken(pastedToken(emulator, guard), 'oauth', {
        id: emulator.cloudOrg.id,
        kind: '360',
      }),
    );
    expect(failure.code).toBe('E_FORBIDDEN');
    expect(failure.message).toContain('as a Yandex 360 organization');
    expect(failure.message).toContain('If it is a Yandex Cloud organization, choose that kind');
    // Forced means forced: no Cloud probe.
    expect(rig.net.api().map((r) => [r.orgId, r.cloudOrgId])).toEqual([
      [emulator.cloudOrg.id, null],
    ]);
    expect(rig.session.state()).toMatchObject({
      status: 'signedOut',
      reason: { code: 'E_FORBIDDEN' },
    });
  });

  it('an IAM token with a Cloud organization signs in and probes only Cloud', async () => {
    const rig = await createRig(emulator, guard, dirs);
    const { iamToken } = emulator.tokens.issueIamToken(emulator.store.demoUid);
    guard.saw(iamToken);
    const state = await rig.session.pasteToken(iamToken, 'iam', {
      id: emulator.cloudOrg.id,
      kind: 'auto',
    });
    expect(state).toMatchObject({
      status: 'signedIn',
      user: { login: emulator.login },
      org: { id: emulator.cloudOrg.id, kind: 'cloud' },
    });
    expect(rig.net.api().map((r) => [r.orgId, r.cloudOrgId, r.authorization])).toEqual([
      [null, emulator.cloudOrg.id, `Bearer ${iamToken}`],
    ]);
    const account = rig.accounts.current();
    expect(account?.tokenKind).toBe('iam');
    expect(await secret(rig, account?.key ?? '', 'access')).toBe(iamToken);
    expect(await secret(rig, account?.key ?? '', 'refresh')).toBeNull();
    expect((await rig.session.client()?.myself())?.login).toBe(emulator.login);
    expect(rig.net.api().at(-1)?.authorization).toBe(`Bearer ${iamToken}`);
  });
});

describe('token paste', () => {
  it('a valid OAuth token signs in through signingIn(token)', async () => {
    const rig = await createRig(emulator, guard, dirs);
    const token = pastedToken(emulator, guard);
    const state = await rig.session.pasteToken(token, 'oauth', {
      id: emulator.org.id,
      kind: 'auto',
    });
    expect(state).toMatchObject({
      status: 'signedIn',
      user: { login: emulator.login },
      org: { id: emulator.org.id, kind: '360' },
    });
    expect(rig.changes[0]).toEqual({
      status: 'signingIn',
      method: 'token',
      storage: { kind: 'memory', weakOptIn: false },
    });
    expect(rig.changes.map((s) => s.status)).toEqual(['signingIn', 'signedIn']);
    const key = rig.accounts.current()?.key ?? '';
    expect(await secret(rig, key, 'access')).toBe(token);
    expect(await secret(rig, key, 'refresh')).toBeNull();
    // No OAuth server is involved in a paste.
    expect(rig.net.oauth()).toEqual([]);
    expect(rig.clientCalls.map((c) => c.account?.key)).toEqual([key]);
    expect(rig.violations).toEqual([]);
  });

  it('a bad token is E_UNAUTHORIZED, never quoted, and leaves the user signed out', async () => {
    const rig = await createRig(emulator, guard, dirs);
    const bad = 'y0_definitely-not-a-real-token-0123456789abcdef';
    guard.saw(bad);
    const error: unknown = await rig.session
      .pasteToken(bad, 'oauth', { id: emulator.org.id, kind: 'auto' })
      .then(
        () => expect.fail('expected a rejection'),
        (reason: unknown) => reason,
      );
    expect(isAppError(error) && error.code).toBe('E_UNAUTHORIZED');
    for (const text of errorTexts(error)) expect(text).not.toContain(bad);
    const state = rig.session.state();
    expect(state).toMatchObject({ status: 'signedOut', reason: { code: 'E_UNAUTHORIZED' } });
    expect(JSON.stringify(state)).not.toContain(bad);
    expect(JSON.stringify(rig.changes)).not.toContain(bad);
    // A 401 is about the token, not the organization: no second probe.
    expect(rig.net.api()).toHaveLength(1);
    expect(rig.accounts.list()).toEqual([]);
    expect(await rig.secrets.findCredentials(SECRET_SERVICE)).toEqual([]);
    for (const line of [...guard.sink.lines, ...guard.raw]) expect(line).not.toContain(bad);
  });
});

describe('refresh', () => {
  it('ten concurrent 401s share one refresh and all succeed with the new token', async () => {
    const rig = await browserSignIn();
    const key = rig.accounts.current()?.key ?? '';
    const oldAccess = await secret(rig, key, 'access');
    const oldRefresh = await secret(rig, key, 'refresh');
    const eventsBefore = rig.changes.length;
    // The API stops accepting the old access token (as when it expires).
    rig.net.intercept = (request) =>
      request.url.pathname.startsWith('/v3/') && request.authorization === `OAuth ${oldAccess}`
        ? Response.json(
            { errors: {}, errorMessages: ['Not authorized'], statusCode: 401 },
            { status: 401 },
          )
        : undefined;
    const client = rig.session.client();
    const users = await Promise.all(Array.from({ length: 10 }, () => client?.myself()));

    expect(users.map((u) => u?.login)).toEqual(Array(10).fill(emulator.login));
    expect(rig.net.refreshes()).toHaveLength(1);
    expect(rig.net.refreshes()[0]?.form?.get('refresh_token')).toBe(oldRefresh);
    const newAccess = await secret(rig, key, 'access');
    const newRefresh = await secret(rig, key, 'refresh');
    expect(newAccess).toMatch(/^y0_/);
    expect(newAccess).not.toBe(oldAccess);
    expect(newRefresh).toBeTruthy();
    expect(newRefresh).not.toBe(oldRefresh);
    const api = rig.net.api().slice(-20);
    expect(api.filter((r) => r.authorization === `OAuth ${oldAccess}`)).toHaveLength(10);
    expect(api.filter((r) => r.authorization === `OAuth ${newAccess}`)).toHaveLength(10);
    // A refresh is invisible to the UI.
    expect(rig.changes).toHaveLength(eventsBefore);
    expect(rig.session.state().status).toBe('signedIn');

    // Later calls go straight out with the new token.
    rig.net.intercept = null;
    await client?.myself();
    expect(rig.net.api().at(-1)?.authorization).toBe(`OAuth ${newAccess}`);
    expect(rig.net.refreshes()).toHaveLength(1);
  });

  it('a failed refresh signs out with E_UNAUTHORIZED once, keeps the account and drops the secrets', async () => {
    const rig = await browserSignIn();
    const account = rig.accounts.current();
    if (!account) throw new Error('no account');
    const eventsBefore = rig.changes.length;
    // "Log out on all devices": access and refresh tokens both die.
    expect(emulator.tokens.revokeAllForUser(emulator.store.demoUid)).toBeGreaterThan(0);

    const client = rig.session.client();
    const results = await Promise.allSettled([
      client?.myself(),
      client?.myself(),
      client?.myself(),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(UnauthorizedError);
    }
    expect(rig.net.refreshes()).toHaveLength(1);
    const state = rig.session.state();
    expect(state).toMatchObject({ status: 'signedOut', reason: { code: 'E_UNAUTHORIZED' } });
    // One sign-out, announced once, with the workspace told once (cache kept).
    expect(rig.changes.slice(eventsBefore)).toEqual([state]);
    expect(rig.clientCalls.slice(1)).toEqual([{ client: null, account, clearCache: false }]);
    expect(rig.accounts.current()).toEqual(account);
    expect(await secret(rig, account.key, 'access')).toBeNull();
    expect(await secret(rig, account.key, 'refresh')).toBeNull();
    expect(rig.session.client()).toBeNull();
    expect(rig.violations).toEqual([]);
  });

  it('a pasted token without a refresh token signs out on the first 401, without a refresh request', async () => {
    const rig = await createRig(emulator, guard, dirs);
    const token = pastedToken(emulator, guard);
    await rig.session.pasteToken(token, 'oauth', { id: emulator.org.id, kind: '360' });
    rig.net.intercept = (request) =>
      request.authorization === `OAuth ${token}`
        ? Response.json({ errorMessages: ['Not authorized'], statusCode: 401 }, { status: 401 })
        : undefined;
    await expect(rig.session.client()?.myself()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(rig.net.oauth()).toEqual([]);
    expect(rig.session.state()).toMatchObject({
      status: 'signedOut',
      reason: { code: 'E_UNAUTHORIZED' },
    });
    expect(rig.accounts.current()?.login).toBe(emulator.login);
  });
});

describe('sign out', () => {
  it('revokes a device-bound token, forgets the secrets and the account, and passes clearCache on', async () => {
    const rig = await browserSignIn();
    const account = rig.accounts.current();
    if (!account) throw new Error('no account');
    const access = (await secret(rig, account.key, 'access')) ?? '';
    expect(await myselfStatus(emulator, access)).toBe(200);

    const state = await rig.session.signOut(true);

    expect(state).toEqual({ status: 'signedOut', storage: { kind: 'memory', weakOptIn: false } });
    expect(rig.changes.at(-1)).toEqual(state);
    const revoke = rig.net.oauth().filter((r) => r.url.pathname === '/oauth/revoke_token');
    expect(revoke).toHaveLength(1);
    expect(revoke[0]?.form?.get('access_token')).toBe(access);
    expect(await myselfStatus(emulator, access)).toBe(401);
    expect(await rig.secrets.findCredentials(SECRET_SERVICE)).toEqual([]);
    expect(rig.accounts.current()).toBeNull();
    expect(rig.accounts.list()).toEqual([]);
    expect(rig.clientCalls.at(-1)).toEqual({ client: null, account, clearCache: true });
    expect(rig.session.client()).toBeNull();
  });

  it('forgets a token that cannot be revoked (no device id) and keeps the cache when asked', async () => {
    const rig = await createRig(emulator, guard, dirs);
    const token = pastedToken(emulator, guard);
    await rig.session.pasteToken(token, 'oauth', { id: emulator.org.id, kind: 'auto' });
    const account = rig.accounts.current();

    const state = await rig.session.signOut(false);

    expect(state.status).toBe('signedOut');
    expect(state).not.toHaveProperty('reason');
    // Tried, refused by the server (unsupported_token_type), and the token simply forgotten.
    expect(rig.net.oauth().map((r) => r.url.pathname)).toEqual(['/oauth/revoke_token']);
    expect(await myselfStatus(emulator, token)).toBe(200);
    expect(await rig.secrets.findCredentials(SECRET_SERVICE)).toEqual([]);
    expect(rig.accounts.list()).toEqual([]);
    expect(rig.clientCalls.at(-1)).toEqual({ client: null, account, clearCache: false });
  });

  it('an IAM session is not revoked at the OAuth server', async () => {
    const rig = await createRig(emulator, guard, dirs);
    const { iamToken } = emulator.tokens.issueIamToken(emulator.store.demoUid);
    guard.saw(iamToken);
    await rig.session.pasteToken(iamToken, 'iam', { id: emulator.cloudOrg.id, kind: 'cloud' });
    await rig.session.signOut(false);
    expect(rig.net.oauth()).toEqual([]);
    expect(rig.accounts.list()).toEqual([]);
  });
});
