/**
 * Predicate building blocks. Every value is resolved before these are built, so the closures only
 * compare numbers and strings: no allocation per issue except folding texts on first sight.
 */
import type { IssueRecord } from '../model.ts';
import type { FieldSpec } from './fields.ts';
import { fold, foldedText } from './text.ts';

/** A compiled condition over one issue. */
export type Predicate = (issue: IssueRecord) => boolean;

/** Matches every issue. */
export const ALWAYS: Predicate = () => true;
/** Matches no issue. */
export const NEVER: Predicate = () => false;

/** Conjunction, unrolled for the common short cases. */
export function allOf(items: readonly Predicate[]): Predicate {
  const [a, b] = items;
  if (a === undefined) return ALWAYS;
  if (b === undefined) return a;
  if (items.length === 2) return (issue) => a(issue) && b(issue);
  return (issue) => {
    for (let i = 0; i < items.length; i++) if (!(items[i] as Predicate)(issue)) return false;
    return true;
  };
}

/** Disjunction, unrolled for the common short cases. */
export function anyOf(items: readonly Predicate[]): Predicate {
  const [a, b] = items;
  if (a === undefined) return NEVER;
  if (b === undefined) return a;
  if (items.length === 2) return (issue) => a(issue) || b(issue);
  return (issue) => {
    for (let i = 0; i < items.length; i++) if ((items[i] as Predicate)(issue)) return true;
    return false;
  };
}

/** Negation. */
export function not(inner: Predicate): Predicate {
  return (issue) => !inner(issue);
}

/** A single-valued field equal to one of `members`. */
export function scalarIn<T extends string | number>(
  read: (issue: IssueRecord) => T | null,
  members: readonly T[],
): Predicate {
  const set = new Set(members);
  if (set.size === 1) {
    const only = members[0] as T;
    return (issue) => read(issue) === only;
  }
  return (issue) => {
    const value = read(issue);
    return value !== null && set.has(value);
  };
}

/** A multi-valued user field containing any of `members`. */
export function arrayIn(
  read: (issue: IssueRecord) => readonly number[],
  members: readonly number[],
): Predicate {
  const set = new Set(members);
  if (set.size === 1) {
    const only = members[0] as number;
    return (issue) => read(issue).includes(only);
  }
  return (issue) => {
    const values = read(issue);
    for (let i = 0; i < values.length; i++) if (set.has(values[i] as number)) return true;
    return false;
  };
}

/** Key equal to one of `keys` (upper case), current key or a former one from `aliases`. */
export function keyIn(keys: readonly string[]): Predicate {
  const set = new Set(keys);
  return (issue) => {
    if (set.has(issue.key)) return true;
    const aliases = issue.aliases;
    for (let i = 0; i < aliases.length; i++) if (set.has(aliases[i] as string)) return true;
    return false;
  };
}

/** Any tag equal to one of `tags`, ignoring case (exact spelling checked first, no allocation). */
export function tagsIn(tags: readonly string[]): Predicate {
  const exact = new Set(tags);
  const folded = new Set(tags.map(fold));
  return (issue) => {
    const values = issue.tags;
    for (let i = 0; i < values.length; i++) {
      const tag = values[i] as string;
      if (exact.has(tag) || folded.has(fold(tag))) return true;
    }
    return false;
  };
}

/** Case-insensitive substring of the summary, the description, or (free text) either. */
export function textContains(needle: string, part: 'summary' | 'description' | 'any'): Predicate {
  const folded = fold(needle);
  if (part === 'summary') return (issue) => foldedText(issue).summary.includes(folded);
  if (part === 'description') return (issue) => foldedText(issue).description.includes(folded);
  return (issue) => {
    const text = foldedText(issue);
    return text.summary.includes(folded) || text.description.includes(folded);
  };
}

/** Whether the field holds nothing: null, an empty list or an empty text. */
export function isEmpty(field: FieldSpec): Predicate {
  switch (field.kind) {
    case 'dict':
    case 'user':
    case 'issueRef':
    case 'date': {
      const read = field.read;
      return (issue) => read(issue) === null;
    }
    case 'users': {
      const read = field.read;
      return (issue) => read(issue).length === 0;
    }
    case 'tags':
      return (issue) => issue.tags.length === 0;
    case 'text':
      return field.part === 'summary'
        ? (issue) => issue.summary === ''
        : (issue) => issue.description === '';
    case 'queue':
    case 'key':
      return NEVER;
  }
}
