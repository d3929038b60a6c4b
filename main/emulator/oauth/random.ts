/**
 * Randomness and secret handling for the OAuth emulator. The live server draws from node:crypto;
 * tests inject a seeded source so issued tokens and codes are reproducible. Stores key secrets by
 * their SHA-256 so the in-memory state never holds a usable token or code.
 */
import { createHash, randomBytes as cryptoRandomBytes, timingSafeEqual } from 'node:crypto';

/** A source of random bytes, shaped like node:crypto's `randomBytes(size)`. */
export type RandomBytes = (size: number) => Uint8Array;

/** The default source: node:crypto, so live tokens are unguessable. */
export const secureRandomBytes: RandomBytes = (size) => cryptoRandomBytes(size);

/**
 * A deterministic source for tests: SHA-256 of `seed` and a running counter, concatenated. Not for
 * anything that must be secret; two registries with the same seed issue the same tokens.
 */
export function seededRandomBytes(seed: string): RandomBytes {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (size) => {
    while (pool.length < size) {
      const block = createHash('sha256').update(`${seed}\0${counter}`).digest();
      counter += 1;
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, size);
    pool = pool.subarray(size);
    return Uint8Array.from(out);
  };
}

/** Base64url without padding, the alphabet Yandex tokens use. */
export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** `length` decimal digits drawn without modulo bias (bytes ≥ 250 are re-drawn). */
export function randomDigits(random: RandomBytes, length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < 250 && out.length < length) out += String(byte % 10);
    }
  }
  return out;
}

/** The key under which a secret is stored; the secret itself is never kept. */
export function secretKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time string comparison; hashing first makes unequal lengths safe to compare. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

/** BASE64URL(SHA256(verifier)), the PKCE S256 transform (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
