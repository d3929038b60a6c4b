/**
 * Configuration resolution and validation, and the PKCE/state primitives.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOOPBACK_PORTS,
  DEFAULT_OAUTH_BASE,
  YANDEX_ENDPOINTS,
  endpointUrl,
  resolveAuthConfig,
} from '../../../../main/auth/config.ts';
import type { AuthSettings } from '../../../../main/auth/config.ts';
import { AuthError } from '../../../../main/auth/errors.ts';
import {
  challengeFor,
  createPkce,
  createState,
  createVerifier,
  safeEqual,
} from '../../../../main/auth/pkce.ts';
import { errorTexts } from './helpers.ts';

const SETTINGS: AuthSettings = { deviceId: 'install-0001', deviceName: 'Laptop' };

describe('resolveAuthConfig', () => {
  it('uses Yandex defaults with a client id from the settings', () => {
    const config = resolveAuthConfig({}, { ...SETTINGS, clientId: 'from-settings' });
    expect(config).toEqual({
      clientId: 'from-settings',
      oauthBase: DEFAULT_OAUTH_BASE,
      endpoints: YANDEX_ENDPOINTS,
      loopbackPorts: [27180, 27181, 27182],
      deviceId: 'install-0001',
      deviceName: 'Laptop',
    });
    expect(DEFAULT_LOOPBACK_PORTS).toEqual([27180, 27181, 27182]);
    expect(endpointUrl(config, 'token')).toBe('https://oauth.yandex.ru/token');
    expect(endpointUrl(config, 'deviceCode')).toBe('https://oauth.yandex.ru/device/code');
  });

  it('lets the environment win over the settings', () => {
    const config = resolveAuthConfig(
      {
        TRACKER_CLIENT_ID: ' env-id ',
        TRACKER_CLIENT_SECRET: 'env-secret',
        TRACKER_OAUTH_BASE: 'http://127.0.0.1:4000/oauth/',
      },
      {
        ...SETTINGS,
        clientId: 'settings-id',
        clientSecret: 'settings-secret',
        oauthBase: 'https://a.test',
      },
    );
    expect(config).toMatchObject({
      clientId: 'env-id',
      clientSecret: 'env-secret',
      oauthBase: 'http://127.0.0.1:4000/oauth',
    });
  });

  it('fails with a clear not_configured error when no client id exists anywhere', () => {
    const error = (() => {
      try {
        return resolveAuthConfig({ TRACKER_CLIENT_ID: '  ' }, SETTINGS);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: 'not_configured', code: 'E_BAD_REQUEST' });
    expect((error as Error).message).toContain('TRACKER_CLIENT_ID');
  });

  it.each([
    ['http to a remote host', 'http://oauth.yandex.ru'],
    ['another scheme', 'ftp://oauth.example.test'],
    ['not a URL', 'oauth.yandex.ru'],
    ['credentials', 'https://user:pa55word@oauth.example.test'],
    ['a query', 'https://oauth.example.test/?x=1'],
    ['http to a host that only looks local', 'http://127.0.0.1.evil.test'],
  ])('refuses an OAuth base with %s, without echoing it', (_name, base) => {
    let error: unknown;
    try {
      resolveAuthConfig({ TRACKER_OAUTH_BASE: base }, { ...SETTINGS, clientId: 'id' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ reason: 'bad_config', code: 'E_BAD_REQUEST' });
    expect(errorTexts(error).join(' ')).not.toContain('pa55word');
  });

  it('accepts http only for 127.0.0.1 and localhost', () => {
    for (const base of [
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'https://oauth.yandex.com',
    ]) {
      expect(
        resolveAuthConfig({ TRACKER_OAUTH_BASE: base }, { ...SETTINGS, clientId: 'id' }).oauthBase,
      ).toBe(base);
    }
  });

  it('validates the device id, endpoints, ports and scopes; trims a long device name', () => {
    const withId = { ...SETTINGS, clientId: 'id' };
    expect(() => resolveAuthConfig({}, { ...withId, deviceId: 'short' })).toThrow(AuthError);
    expect(() => resolveAuthConfig({}, { ...withId, deviceId: 'x'.repeat(51) })).toThrow(AuthError);
    expect(() => resolveAuthConfig({}, { ...withId, deviceId: 'ünïcødé-id' })).toThrow(AuthError);
    expect(() =>
      resolveAuthConfig({}, { ...withId, endpoints: { token: 'https://evil.test/token' } }),
    ).toThrow(AuthError);
    expect(() => resolveAuthConfig({}, { ...withId, loopbackPorts: [] })).toThrow(AuthError);
    expect(() => resolveAuthConfig({}, { ...withId, loopbackPorts: [70000] })).toThrow(AuthError);
    expect(() => resolveAuthConfig({}, { ...withId, scopes: ['a"b'] })).toThrow(AuthError);
    const config = resolveAuthConfig(
      {},
      {
        ...withId,
        deviceName: 'Ж'.repeat(150),
        scopes: [' tracker:read ', ''],
        endpoints: { authorize: '/auth' },
        loopbackPorts: [0],
        forceConfirm: true,
        issuer: 'https://oauth.yandex.ru',
      },
    );
    expect(config.deviceName).toHaveLength(100);
    expect(config.scopes).toEqual(['tracker:read']);
    expect(config.endpoints).toEqual({ ...YANDEX_ENDPOINTS, authorize: '/auth' });
    expect(config).toMatchObject({
      loopbackPorts: [0],
      forceConfirm: true,
      issuer: 'https://oauth.yandex.ru',
    });
  });
});

describe('PKCE and state', () => {
  it('matches the RFC 7636 appendix B vector', () => {
    expect(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes 43-character base64url verifiers and states, all different', () => {
    const values = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const pkce = createPkce();
      expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(pkce.challenge).toBe(challengeFor(pkce.verifier));
      expect(pkce.method).toBe('S256');
      values.add(pkce.verifier).add(createState()).add(createVerifier());
    }
    expect(values.size).toBe(150);
  });

  it('compares safely, including different lengths', () => {
    const state = createState();
    expect(safeEqual(state, state)).toBe(true);
    expect(safeEqual(state, `${state}x`)).toBe(false);
    expect(safeEqual(state, state.slice(0, -1))).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('a', 'b')).toBe(false);
  });
});
