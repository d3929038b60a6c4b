/**
 * Storage keys and argument checks. A key is `service/account` with both halves URI-encoded, so a
 * '/' (or '.', '%', a newline) inside a service or account can never make two pairs collide and
 * findCredentials can split keys back without guessing.
 */
import { SecretStoreError } from './errors.ts';

/** The service and account a storage key stands for. */
export interface SecretAddress {
  service: string;
  account: string;
}

function encodePart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be encoded (URIError); it is a caller bug, not a storage failure.
    throw new SecretStoreError('bad-input', 'A secret name contains an invalid character.');
  }
}

/** Rejects a service or account that is not a non-empty string (callers may be untyped JS). */
export function checkName(value: unknown, what: 'service' | 'account'): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SecretStoreError('bad-input', `The secret ${what} must be a non-empty string.`);
  }
  return value;
}

/** Rejects a password that is not a string; the message never includes the value. */
export function checkPassword(value: unknown): string {
  if (typeof value !== 'string') {
    throw new SecretStoreError('bad-input', 'The secret must be a string.');
  }
  return value;
}

/** The storage key of a service and account. */
export function secretKey(service: string, account: string): string {
  return `${encodePart(checkName(service, 'service'))}/${encodePart(checkName(account, 'account'))}`;
}

/** The key prefix shared by every account of `service`. */
export function servicePrefix(service: string): string {
  return `${encodePart(checkName(service, 'service'))}/`;
}

/** The service and account of a storage key, or null for a key this module did not write. */
export function parseSecretKey(key: string): SecretAddress | null {
  const parts = key.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  try {
    return { service: decodeURIComponent(parts[0]), account: decodeURIComponent(parts[1]) };
  } catch {
    return null;
  }
}
