/**
 * What a failed sign-in, sign-out or forced sign-out means to the user: one sentence per contract
 * error code, with the next step. The map is typed over every code, so a new code fails the build
 * until it has an explanation in both languages.
 */
import type { ErrorCode, IpcError } from '../../../../preload/contract.ts';
import type { I18n } from '../i18n/i18n.svelte.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The message explaining each error code. */
export const AUTH_ERROR_MESSAGES: Readonly<Record<ErrorCode, MessageKey>> = {
  E_BAD_REQUEST: 'auth.error.E_BAD_REQUEST',
  E_FORBIDDEN: 'auth.error.E_FORBIDDEN',
  E_UNKNOWN_CHANNEL: 'auth.error.E_UNKNOWN_CHANNEL',
  E_NOT_FOUND: 'auth.error.E_NOT_FOUND',
  E_UNAUTHORIZED: 'auth.error.E_UNAUTHORIZED',
  E_OFFLINE: 'auth.error.E_OFFLINE',
  E_UNAVAILABLE: 'auth.error.E_UNAVAILABLE',
  E_INTERNAL: 'auth.error.E_INTERNAL',
};

/** The user-facing explanation of `error`, in the current locale. */
export function explainAuthError(i18n: I18n, error: IpcError): string {
  return i18n.t(AUTH_ERROR_MESSAGES[error.code]);
}
