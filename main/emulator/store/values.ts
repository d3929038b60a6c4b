/**
 * The value forms Tracker accepts on write (§1.3): `1`, `"bug"`, `{"id":"1"}`, `{"key":"bug"}`,
 * `{"name":"Bug"}`, `{"set":…}`; users by uid or login; arrays with `add`/`remove`/`set`/
 * `replace`; `null` clears. Resolvers throw 422 naming the field at fault.
 */
import { unprocessable } from '../errors.ts';
import type { IssueRecord, QueueRecord, UserRecord } from '../model.ts';
import type { StoreState } from './state.ts';
import { findIssue, isObject } from './write.ts';

/** A dictionary entry: statuses, priorities, types, resolutions. */
export interface DictEntry {
  readonly id: number;
  readonly key: string;
  readonly name: { readonly ru: string; readonly en: string };
}

/** Unwraps `{"set": x}` (possibly nested). */
export function unwrapSet(value: unknown): unknown {
  let current = value;
  while (isObject(current) && 'set' in current && Object.keys(current).length === 1) {
    current = current.set;
  }
  return current;
}

/** Resolves a dictionary reference in any accepted form; 422 when nothing matches. */
export function resolveDict<T extends DictEntry>(
  value: unknown,
  items: readonly T[],
  field: string,
): T {
  const v = unwrapSet(value);
  let found: T | undefined;
  if (typeof v === 'number') found = items.find((i) => i.id === v);
  else if (typeof v === 'string') found = byText(v, items);
  else if (isObject(v)) {
    if (v.id !== undefined) found = items.find((i) => String(i.id) === String(v.id));
    else if (typeof v.key === 'string') found = items.find((i) => i.key === v.key);
    else if (typeof v.name === 'string') found = byName(v.name, items);
  }
  if (!found) throw unprocessable(field, `Unknown ${field}: ${JSON.stringify(v)}`);
  return found;
}

function byText<T extends DictEntry>(text: string, items: readonly T[]): T | undefined {
  return (
    items.find((i) => i.key === text) ??
    items.find((i) => i.key.toLowerCase() === text.toLowerCase()) ??
    (/^\d+$/.test(text) ? items.find((i) => String(i.id) === text) : undefined) ??
    byName(text, items)
  );
}

function byName<T extends DictEntry>(name: string, items: readonly T[]): T | undefined {
  const lower = name.toLowerCase();
  return items.find((i) => i.name.ru.toLowerCase() === lower || i.name.en.toLowerCase() === lower);
}

/** Resolves a queue by key, id or `{key}`/`{id}`; 422 when unknown. */
export function resolveQueue(state: StoreState, value: unknown, field = 'queue'): QueueRecord {
  const v = unwrapSet(value);
  let found: QueueRecord | undefined;
  if (typeof v === 'number') found = state.queueById.get(v);
  else if (typeof v === 'string')
    found =
      state.queueByKey.get(v) ?? (/^\d+$/.test(v) ? state.queueById.get(Number(v)) : undefined);
  else if (isObject(v)) {
    if (typeof v.key === 'string') found = state.queueByKey.get(v.key);
    else if (v.id !== undefined)
      found = state.queueById.get(Number(v.id)) ?? state.queueByKey.get(String(v.id));
  }
  if (!found) throw unprocessable(field, `Queue ${JSON.stringify(v)} does not exist.`);
  return found;
}

/** Finds a user by uid (number or digits) or login, without throwing. */
export function findUser(state: StoreState, value: unknown): UserRecord | undefined {
  const v = unwrapSet(value);
  if (typeof v === 'number') return state.userByUid.get(v);
  if (typeof v === 'string') {
    return (
      state.userByLogin.get(v.toLowerCase()) ??
      (/^\d+$/.test(v) ? state.userByUid.get(Number(v)) : undefined)
    );
  }
  if (isObject(v)) {
    for (const k of ['id', 'uid', 'login', 'passportUid', 'trackerUid'] as const) {
      if (v[k] !== undefined) return findUser(state, v[k]);
    }
  }
  return undefined;
}

/** Resolves a user reference; 422 when unknown. */
export function resolveUser(state: StoreState, value: unknown, field: string): UserRecord {
  const user = findUser(state, value);
  if (!user) throw unprocessable(field, `User ${JSON.stringify(unwrapSet(value))} does not exist.`);
  return user;
}

/** Resolves an issue reference (`"KEY-1"`, id, `{key}`, `{id}`); 422 when unknown. */
export function resolveIssue(state: StoreState, value: unknown, field: string): IssueRecord {
  const v = unwrapSet(value);
  let ref: unknown = v;
  if (isObject(v)) ref = v.key ?? v.id;
  const issue = typeof ref === 'string' ? findIssue(state, ref) : undefined;
  if (!issue) throw unprocessable(field, `Issue ${JSON.stringify(v)} does not exist.`);
  return issue;
}

const ARRAY_OPS = new Set(['add', 'remove', 'set', 'replace']);

/**
 * Applies an array write to `current` and returns the new array (never mutates `current`).
 * `resolve` maps one given item to its stored form; `null`/`[]` clear.
 */
export function applyArrayOp<T>(
  current: readonly T[],
  value: unknown,
  resolve: (item: unknown) => T,
  field: string,
): T[] {
  const many = (v: unknown): T[] =>
    (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]).map(resolve);
  if (value === null) return [];
  if (!isObject(value)) return dedupe(many(value));
  const ops = Object.keys(value);
  if (ops.length === 0 || ops.some((op) => !ARRAY_OPS.has(op))) {
    throw unprocessable(field, `Unsupported operation on ${field}: ${ops.join(', ')}`);
  }
  let next = [...current];
  for (const op of ops) {
    const arg = value[op];
    if (op === 'set') next = many(arg);
    else if (op === 'add') next.push(...many(arg).filter((x) => !next.includes(x)));
    else if (op === 'remove') {
      const gone = many(arg);
      next = next.filter((x) => !gone.includes(x));
    } else {
      const pairs = Array.isArray(arg) ? arg : [arg];
      for (const pair of pairs) {
        if (!isObject(pair))
          throw unprocessable(field, 'replace expects {target, replacement} items');
        const target = resolve(pair.target);
        const replacement = resolve(pair.replacement);
        next = next.map((x) => (x === target ? replacement : x));
      }
    }
  }
  return dedupe(next);
}

function dedupe<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Whether two stored values are equal (arrays compared element-wise). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
