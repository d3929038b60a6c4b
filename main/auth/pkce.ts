/**
 * PKCE (RFC 7636, S256 only) and the `state` value. Both come from the OS CSPRNG; the verifier is
 * 32 random bytes in base64url (43 characters), the shortest RFC 7636 allows and what RFC 8252
 * §8.1 recommends.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A PKCE pair for one authorization request. */
export interface Pkce {
  /** Secret; sent only to the token endpoint, never logged. */
  readonly verifier: string;
  /** BASE64URL(SHA-256(verifier)); goes into the authorize URL. */
  readonly challenge: string;
  readonly method: 'S256';
}

/** A fresh code verifier: 32 random bytes, base64url, 43 characters. */
export function createVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** The S256 challenge of a verifier. */
export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh verifier with its S256 challenge. */
export function createPkce(): Pkce {
  const verifier = createVerifier();
  return { verifier, challenge: challengeFor(verifier), method: 'S256' };
}

/** A fresh `state`: 32 random bytes, base64url (binds the callback to this request, RFC 6749 §10.12). */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares two strings in time independent of where they differ. Both sides are hashed first so
 * the lengths are equal for `timingSafeEqual` and the length of the secret does not leak either.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
