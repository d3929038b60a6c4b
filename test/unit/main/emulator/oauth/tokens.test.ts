import { describe, expect, it } from 'vitest';
import { seededRandomBytes } from '../../../../../main/emulator/oauth/random.ts';
import { TokenRegistry } from '../../../../../main/emulator/oauth/tokens.ts';
import type { TokenRegistryOptions } from '../../../../../main/emulator/oauth/tokens.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function setup(options: TokenRegistryOptions = {}) {
  const clock = { now: Date.UTC(2025, 0, 1) };
  const tokens = new TokenRegistry({
    clock: () => clock.now,
    randomBytes: seededRandomBytes('tokens'),
    ...options,
  });
  return { clock, tokens };
}

const SCOPES = ['tracker:read', 'tracker:write'];

describe('TokenRegistry.issue', () => {
  it('issues Yandex-shaped access, refresh and IAM tokens', () => {
    const { tokens } = setup();
    const issued = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES });
    expect(issued.accessToken).toMatch(/^y0_[A-Za-z0-9_-]{50,}$/);
    expect(issued.refreshToken).toMatch(/^1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(issued.expiresIn).toBe(365 * 24 * 3600);
    expect(issued.scope).toBe('tracker:read tracker:write');
    expect(tokens.issueIamToken(7).iamToken).toMatch(/^t1\.[A-Za-z0-9_-]{50,}$/);
  });

  it('is deterministic for a seeded source and distinct across seeds', () => {
    const params = { uid: 7, clientId: 'app', scopes: SCOPES };
    const a = setup().tokens.issue(params);
    const b = setup().tokens.issue(params);
    const c = setup({ randomBytes: seededRandomBytes('other') }).tokens.issue(params);
    expect(b).toEqual(a);
    expect(c.accessToken).not.toBe(a.accessToken);
  });

  it('replaces the grant of the same device and evicts the oldest beyond the cap', () => {
    const { tokens } = setup({ maxDeviceTokens: 2 });
    const issue = (deviceId: string) =>
      tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES, deviceId }).accessToken;
    const first = issue('device-one');
    const again = issue('device-one');
    expect(tokens.authenticate(`OAuth ${first}`)).toEqual({ error: 'revoked' });
    const second = issue('device-two');
    const third = issue('device-three');
    expect(tokens.authenticate(`OAuth ${again}`)).toEqual({ error: 'revoked' });
    expect(tokens.authenticate(`OAuth ${second}`)).toMatchObject({ uid: 7 });
    expect(tokens.authenticate(`OAuth ${third}`)).toMatchObject({ uid: 7 });
  });
});

describe('TokenRegistry.authenticate', () => {
  it('accepts OAuth tokens under the OAuth scheme, case-insensitively', () => {
    const { tokens } = setup();
    const { accessToken } = tokens.issue({ uid: 7, clientId: 'app', scopes: ['tracker:read'] });
    for (const scheme of ['OAuth', 'oauth', 'OAUTH']) {
      expect(tokens.authenticate(`${scheme} ${accessToken}`)).toEqual({
        uid: 7,
        scopes: ['tracker:read'],
        kind: 'oauth',
      });
    }
    expect(tokens.authenticate(`  OAuth   ${accessToken}  `)).toMatchObject({ uid: 7 });
  });

  it('takes IAM tokens only as Bearer and OAuth tokens only as OAuth', () => {
    const { tokens } = setup();
    const { accessToken } = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES });
    const { iamToken } = tokens.issueIamToken(8);
    expect(tokens.authenticate(`Bearer ${iamToken}`)).toEqual({
      uid: 8,
      scopes: SCOPES,
      kind: 'iam',
    });
    expect(tokens.authenticate(`bearer ${iamToken}`)).toMatchObject({ kind: 'iam' });
    expect(tokens.authenticate(`Bearer ${accessToken}`)).toEqual({ error: 'invalid' });
    expect(tokens.authenticate(`OAuth ${iamToken}`)).toEqual({ error: 'invalid' });
  });

  it('reports missing, malformed and invalid headers', () => {
    const { tokens } = setup();
    const { accessToken } = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES });
    expect(tokens.authenticate(undefined)).toEqual({ error: 'missing' });
    expect(tokens.authenticate('')).toEqual({ error: 'missing' });
    expect(tokens.authenticate('   ')).toEqual({ error: 'missing' });
    for (const header of ['OAuth', accessToken, `Basic ${accessToken}`, `OAuth ${accessToken} x`]) {
      expect(tokens.authenticate(header)).toEqual({ error: 'malformed' });
    }
    expect(tokens.authenticate('OAuth y0_unknownunknownunknown')).toEqual({ error: 'invalid' });
  });

  it('reports expired tokens by the clock', () => {
    const { tokens, clock } = setup({ accessTokenTtlMs: 1000 });
    const { accessToken } = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES });
    const { iamToken } = tokens.issueIamToken(7);
    clock.now += 999;
    expect(tokens.authenticate(`OAuth ${accessToken}`)).toMatchObject({ uid: 7 });
    clock.now += 1;
    expect(tokens.authenticate(`OAuth ${accessToken}`)).toEqual({ error: 'expired' });
    expect(tokens.authenticate(`Bearer ${iamToken}`)).toMatchObject({ kind: 'iam' });
    clock.now += 12 * HOUR;
    expect(tokens.authenticate(`Bearer ${iamToken}`)).toEqual({ error: 'expired' });
  });

  it('honours a per-grant ttl', () => {
    const { tokens, clock } = setup();
    const { accessToken, expiresIn } = tokens.issue({
      uid: 7,
      clientId: 'app',
      scopes: SCOPES,
      ttlMs: 60_000,
    });
    expect(expiresIn).toBe(60);
    clock.now += 60_000;
    expect(tokens.authenticate(`OAuth ${accessToken}`)).toEqual({ error: 'expired' });
  });
});

describe('TokenRegistry.refresh', () => {
  it('rotates the refresh token and keeps the earlier access token alive', () => {
    const { tokens } = setup();
    const first = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES });
    const second = tokens.refresh(first.refreshToken, 'app');
    if ('error' in second) throw new Error(second.errorDescription);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(tokens.refresh(first.refreshToken, 'app')).toMatchObject({ error: 'invalid_grant' });
    expect(tokens.authenticate(`OAuth ${first.accessToken}`)).toMatchObject({ uid: 7 });
    expect(tokens.authenticate(`OAuth ${second.accessToken}`)).toMatchObject({ uid: 7 });
    expect(tokens.refresh(second.refreshToken, 'app')).toHaveProperty('accessToken');
  });

  it('refuses another client and an expired refresh token', () => {
    const { tokens, clock } = setup({ accessTokenTtlMs: DAY });
    const issued = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES });
    expect(tokens.refresh(issued.refreshToken, 'other')).toMatchObject({ error: 'invalid_grant' });
    clock.now += DAY;
    expect(tokens.refresh(issued.refreshToken, 'app')).toEqual({
      error: 'invalid_grant',
      errorDescription: 'Refresh token has expired',
    });
  });
});

describe('TokenRegistry.revoke', () => {
  it('revokes device-bound grants, access and refresh tokens alike', () => {
    const { tokens } = setup();
    const issued = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES, deviceId: 'laptop-1' });
    const refreshed = tokens.refresh(issued.refreshToken, 'app');
    if ('error' in refreshed) throw new Error(refreshed.errorDescription);
    expect(tokens.revoke(issued.accessToken, 'app')).toEqual({ status: 'ok' });
    expect(tokens.authenticate(`OAuth ${issued.accessToken}`)).toEqual({ error: 'revoked' });
    expect(tokens.authenticate(`OAuth ${refreshed.accessToken}`)).toEqual({ error: 'revoked' });
    expect(tokens.refresh(refreshed.refreshToken, 'app')).toMatchObject({ error: 'invalid_grant' });
    expect(tokens.revoke(issued.accessToken, 'app')).toEqual({ status: 'ok' });
  });

  it('refuses tokens without a device, of another client, or unknown', () => {
    const { tokens } = setup();
    const plain = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES });
    const device = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES, deviceId: 'laptop-1' });
    expect(tokens.revoke(plain.accessToken, 'app')).toMatchObject({
      error: 'unsupported_token_type',
    });
    expect(tokens.authenticate(`OAuth ${plain.accessToken}`)).toMatchObject({ uid: 7 });
    expect(tokens.revoke(device.accessToken, 'other')).toMatchObject({ error: 'invalid_token' });
    expect(tokens.revoke('y0_nope', 'app')).toMatchObject({ error: 'invalid_token' });
  });

  it('revokes everything a user holds', () => {
    const { tokens } = setup();
    const a = tokens.issue({ uid: 7, clientId: 'app', scopes: SCOPES });
    const b = tokens.issue({ uid: 7, clientId: 'other', scopes: SCOPES, deviceId: 'phone-1' });
    const { iamToken } = tokens.issueIamToken(7);
    const bystander = tokens.issue({ uid: 8, clientId: 'app', scopes: SCOPES });
    expect(tokens.revokeAllForUser(7)).toBe(3);
    expect(tokens.authenticate(`OAuth ${a.accessToken}`)).toEqual({ error: 'revoked' });
    expect(tokens.authenticate(`OAuth ${b.accessToken}`)).toEqual({ error: 'revoked' });
    expect(tokens.authenticate(`Bearer ${iamToken}`)).toEqual({ error: 'revoked' });
    expect(tokens.refresh(a.refreshToken, 'app')).toMatchObject({ error: 'invalid_grant' });
    expect(tokens.authenticate(`OAuth ${bystander.accessToken}`)).toMatchObject({ uid: 8 });
    expect(tokens.revokeAllForUser(7)).toBe(0);
  });
});

describe('TokenRegistry.issueDemoToken', () => {
  it('returns one long-lived token per user until it stops working', () => {
    const { tokens, clock } = setup();
    const demo = tokens.issueDemoToken(1);
    expect(tokens.issueDemoToken(1)).toBe(demo);
    expect(tokens.issueDemoToken(2)).not.toBe(demo);
    clock.now += 9 * 365 * DAY;
    expect(tokens.authenticate(`OAuth ${demo}`)).toEqual({
      uid: 1,
      scopes: SCOPES,
      kind: 'oauth',
    });
    tokens.revokeAllForUser(1);
    const next = tokens.issueDemoToken(1);
    expect(next).not.toBe(demo);
    expect(tokens.authenticate(`OAuth ${next}`)).toMatchObject({ uid: 1 });
  });
});
