/**
 * Result ordering. Keys compare naturally (queue, then number: TREK-9 before TREK-10); statuses,
 * priorities and resolutions by their dictionary `order`; users and texts by display text with a
 * locale collator. Empty values sort last ascending (first descending). Every comparator ends with
 * key ascending so the order is total and pages are stable.
 */
import type { IssueRecord } from '../model.ts';
import type { SortNode } from './ast.ts';
import { findField, isSortable } from './fields.ts';
import type { FieldSpec } from './fields.ts';
import type { Lookups } from './lookups.ts';
import { QueryError } from './types.ts';
import type { SortKey } from './types.ts';

/** A comparator over issues. */
export type Comparator = (a: IssueRecord, b: IssueRecord) => number;

const collators = new Map<string, Intl.Collator>();

function collator(language: 'ru' | 'en'): Intl.Collator {
  let found = collators.get(language);
  if (found === undefined) {
    found = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
    collators.set(language, found);
  }
  return found;
}

/** The number after the last '-' of a key, or NaN when the key has no such tail. */
function keyNumber(key: string, dash: number): number {
  if (dash < 0 || dash === key.length - 1) return NaN;
  let n = 0;
  for (let i = dash + 1; i < key.length; i++) {
    const digit = key.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

/** Natural order of issue keys: queue part by code unit, then the number numerically. */
export function compareKeys(a: string, b: string): number {
  const da = a.lastIndexOf('-');
  const db = b.lastIndexOf('-');
  const pa = da < 0 ? a.length : da;
  const pb = db < 0 ? b.length : db;
  const shared = Math.min(pa, pb);
  for (let i = 0; i < shared; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  if (pa !== pb) return pa - pb;
  const na = keyNumber(a, da);
  const nb = keyNumber(b, db);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

const byKey: Comparator = (a, b) => compareKeys(a.key, b.key);

/** Compares possibly-missing values with empties last. */
function nullsLast<T>(compare: (x: T, y: T) => number): (x: T | null, y: T | null) => number {
  return (x, y) => {
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return compare(x, y);
  };
}

const numbers = nullsLast<number>((x, y) => x - y);

function fieldComparator(field: FieldSpec, lookups: Lookups): Comparator {
  const text = collator(lookups.language);
  switch (field.kind) {
    case 'key':
      return byKey;
    case 'queue':
      return (a, b) => (a.queueKey < b.queueKey ? -1 : a.queueKey > b.queueKey ? 1 : 0);
    case 'date': {
      const read = field.read;
      return (a, b) => numbers(read(a), read(b));
    }
    case 'dict': {
      const read = field.read;
      if (field.dict === 'types') {
        const names = lookups.dictNames('types');
        const byName = nullsLast<string>((x, y) => text.compare(x, y));
        return (a, b) => byName(names.get(read(a) ?? '') ?? null, names.get(read(b) ?? '') ?? null);
      }
      const order = lookups.order(field.dict);
      return (a, b) => numbers(order.get(read(a) ?? '') ?? null, order.get(read(b) ?? '') ?? null);
    }
    case 'user': {
      const read = field.read;
      const displays = lookups.userDisplays();
      const byName = nullsLast<string>((x, y) => text.compare(x, y));
      const name = (uid: number | null) =>
        uid === null ? null : (displays.get(uid) ?? String(uid));
      return (a, b) => byName(name(read(a)), name(read(b)));
    }
    case 'issueRef': {
      const read = field.read;
      const keys = nullsLast(compareKeys);
      return (a, b) => keys(read(a), read(b));
    }
    case 'text':
      return field.part === 'summary'
        ? (a, b) => text.compare(a.summary, b.summary)
        : (a, b) => text.compare(a.description, b.description);
    case 'users':
    case 'tags':
      throw new QueryError(`Cannot sort by ${field.label}`);
  }
}

/** Compiles sort keys (field names as in the query language) into a total comparator. */
export function compileOrder(
  sort: readonly SortNode[],
  lookups: Lookups,
): { compare: Comparator; order: SortKey[] } {
  const parts: Comparator[] = [];
  const order: SortKey[] = [];
  let hasKey = false;
  for (const node of sort) {
    const field = findField(node.name);
    if (field === undefined) throw new QueryError(`Unknown sort field "${node.name}"`, node.pos);
    if (!isSortable(field)) throw new QueryError(`Cannot sort by ${field.label}`, node.pos);
    const base = fieldComparator(field, lookups);
    parts.push(node.desc ? (a, b) => base(b, a) : base);
    order.push({ field: field.id, direction: node.desc ? 'desc' : 'asc' });
    hasKey ||= field.kind === 'key';
  }
  if (!hasKey) parts.push(byKey);
  const [first, second] = parts;
  if (parts.length === 1) return { compare: first as Comparator, order };
  if (parts.length === 2) {
    const a = first as Comparator;
    const b = second as Comparator;
    return { compare: (x, y) => a(x, y) || b(x, y), order };
  }
  const compare: Comparator = (x, y) => {
    for (let i = 0; i < parts.length; i++) {
      const d = (parts[i] as Comparator)(x, y);
      if (d !== 0) return d;
    }
    return 0;
  };
  return { compare, order };
}
