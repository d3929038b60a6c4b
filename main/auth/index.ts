/**
 * Sign-in for Tracker Desktop in plain Node: browser (loopback + PKCE) and device-code flows,
 * token refresh and revocation. HTTP goes through an injected fetch and the browser through an
 * injected `openExternal`; nothing here imports 'electron'.
 */
export {
  DEFAULT_LOOPBACK_PORTS,
  DEFAULT_OAUTH_BASE,
  YANDEX_ENDPOINTS,
  endpointUrl,
  isValidDeviceId,
  resolveAuthConfig,
  validateOAuthBase,
} from './config.ts';
export type { AuthConfig, AuthEndpoints, AuthEnv, AuthSettings } from './config.ts';
export {
  AuthError,
  OAuthError,
  isAuthCancelled,
  isAuthError,
  isOAuthError,
  sanitizeOAuthCode,
} from './errors.ts';
export type { AuthErrorReason, OAuthErrorCode } from './errors.ts';
export { challengeFor, createPkce, createState, createVerifier, safeEqual } from './pkce.ts';
export type { Pkce } from './pkce.ts';
export { CALLBACK_PATH, DEFAULT_LOOPBACK_TIMEOUT_MS, startLoopback } from './loopback.ts';
export type { LoopbackOptions, LoopbackServer } from './loopback.ts';
export { authLanguageOf } from './loopback-page.ts';
export type { AuthLanguage } from './loopback-page.ts';
export { DEFAULT_REQUEST_TIMEOUT_MS, createOAuthClient } from './oauth-client.ts';
export type { FetchLike, OAuthClient, OAuthClientOptions } from './oauth-client.ts';
export type { DeviceCode, TokenSet } from './tokens.ts';
export { buildAuthorizeUrl, signInWithBrowser } from './loopback-flow.ts';
export type { AuthorizeUrlParams, BrowserSignInOptions } from './loopback-flow.ts';
export { SLOW_DOWN_STEP_SECONDS, defaultSleep, startDeviceSignIn } from './device-flow.ts';
export type { DeviceSignIn, DeviceSignInOptions, Sleep } from './device-flow.ts';
export { createSingleFlight, refreshTokens } from './refresh.ts';
export type { RefreshOptions } from './refresh.ts';
