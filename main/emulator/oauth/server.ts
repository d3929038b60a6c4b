/**
 * The Yandex OAuth (oauth.yandex.ru) side of the emulator as a mountable request handler. The main
 * emulator server calls `handle()` for requests under its OAuth base and 404s when it returns false.
 *
 * Endpoints (relative to `basePath`): GET /authorize, POST /authorize/decision, POST /token,
 * POST /device/code, GET|POST /device, POST /device/decision, POST /revoke_token and
 * GET /verification_code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAuthorize, handleAuthorizeDecision, handleVerificationCode } from './authorize.ts';
import { createContext, sweep } from './context.ts';
import type { OAuthContext, OAuthHandlerOptions } from './context.ts';
import {
  handleDeviceCode,
  handleDeviceDecision,
  handleDeviceEntry,
  handleDevicePage,
} from './device.ts';
import { sendJson, sendMethodNotAllowed } from './http.ts';
import { handleRevoke, handleToken } from './token-endpoint.ts';

export type { OAuthHandlerOptions, OAuthLogger } from './context.ts';
export type { OAuthClient, OAuthUser, UserLookup } from './clients.ts';

/** The mounted OAuth emulator plus hooks for tests and the demo. */
export interface OAuthHandler {
  /** Serves the request when its path is an OAuth endpoint; false lets the caller 404. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Approves a pending device code as if `uid` (default: the default user) clicked Allow. */
  approveDevice(userCode: string, uid?: number): boolean;
  /** Denies a pending device code as if the user clicked Deny. */
  denyDevice(userCode: string): boolean;
  /** Consent pages and device codes still waiting for an answer. */
  pendingAuthorizations(): number;
}

type Route = (ctx: OAuthContext, req: IncomingMessage, res: ServerResponse, url: URL) => unknown;

const ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  '/authorize': { GET: handleAuthorize },
  '/authorize/decision': { POST: handleAuthorizeDecision },
  '/token': { POST: handleToken },
  '/device/code': { POST: handleDeviceCode },
  '/device': { GET: handleDevicePage, POST: handleDeviceEntry },
  '/device/decision': { POST: handleDeviceDecision },
  '/revoke_token': { POST: handleRevoke },
  '/verification_code': { GET: (_ctx, req, res, url) => handleVerificationCode(req, res, url) },
};

/** Creates the OAuth emulator; all state lives in the returned handler. */
export function createOAuthHandler(options: OAuthHandlerOptions): OAuthHandler {
  const ctx = createContext(options);

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (ctx.basePath !== '' && !path.startsWith(`${ctx.basePath}/`)) return false;
    const methods = ROUTES[path.slice(ctx.basePath.length)];
    if (!methods) return false;
    const route = methods[req.method ?? 'GET'];
    if (!route) {
      sendMethodNotAllowed(res, Object.keys(methods).join(', '));
      return true;
    }
    try {
      await route(ctx, req, res, url);
    } catch (error) {
      // Only the error's kind: messages could quote request data.
      ctx.log.warn('oauth: handler failed', {
        path,
        error: error instanceof Error ? error.name : typeof error,
      });
      if (!res.headersSent) {
        sendJson(res, 500, { error: 'server_error', error_description: 'Internal error' });
      } else {
        res.destroy();
      }
    }
    return true;
  }

  return {
    handle,
    approveDevice: (userCode, uid = ctx.defaultUserUid) => ctx.devices.approve(userCode, uid),
    denyDevice: (userCode) => ctx.devices.deny(userCode),
    pendingAuthorizations: () => {
      sweep(ctx.consents, ctx.clock());
      return ctx.consents.size + ctx.devices.pendingCount();
    },
  };
}
