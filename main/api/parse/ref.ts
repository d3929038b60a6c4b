/** Reference objects (`{self, id, key?, display}`) and the identity every entity needs. */
import type { Ref } from './types.ts';
import { id, isObject, localized, str, type JsonObject, type Language } from './values.ts';

/**
 * Normalizes a reference. Accepts the object form, and a bare id or key (some write-echoes and old
 * payloads carry those). Without an id the key stands in, since both address the entity.
 */
export function parseRef(value: unknown, language: Language): Ref | undefined {
  if (typeof value === 'string' || typeof value === 'number') {
    const bare = id(value);
    return bare === undefined ? undefined : { id: bare };
  }
  if (!isObject(value)) return undefined;
  const key = str(value.key) ?? undefined;
  const refId = id(value.id) ?? key;
  if (refId === undefined) return undefined;
  const ref: { -readonly [K in keyof Ref]: Ref[K] } = { id: refId };
  if (key !== undefined) ref.key = key;
  const display = localized(value.display, language) ?? localized(value.name, language);
  if (display !== undefined) ref.display = display;
  const self = str(value.self);
  if (self !== undefined) ref.self = self;
  return ref;
}

/** A reader of references bound to a language, for `list(...)`. */
export function refReader(language: Language): (value: unknown) => Ref | undefined {
  return (value) => parseRef(value, language);
}

/** The object and its normalized id, or undefined when it is not an object or has no id. */
export function identify(value: unknown, ...fallbacks: string[]): [JsonObject, string] | undefined {
  if (!isObject(value)) return undefined;
  let found = id(value.id);
  for (const key of fallbacks) {
    if (found !== undefined) break;
    found = id(value[key]);
  }
  return found === undefined ? undefined : [value, found];
}
