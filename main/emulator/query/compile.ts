/**
 * Compiles parsed searches into a {@link CompiledSearch}: every value is resolved against the
 * context up front (users, dictionary names, dates), leaving closures that compare plain values.
 *
 * Value lists: `Field: a, b` matches either; negated values exclude, so `Status: !open, !closed`
 * is "neither open nor closed" and `Status: open, !closed` is just "open".
 */
import type { ParsedQuery, Operand, QueryNode, ValueNode } from './ast.ts';
import { dateFunction, parseDateLiteral } from './dates.ts';
import type { Interval } from './dates.ts';
import { findField } from './fields.ts';
import { DATE_FUNCTIONS } from './functions.ts';
import type { FieldSpec } from './fields.ts';
import { filterToQuery } from './filter.ts';
import { Lookups } from './lookups.ts';
import {
  allOf,
  anyOf,
  arrayIn,
  isEmpty,
  keyIn,
  not,
  scalarIn,
  tagsIn,
  textContains,
} from './match.ts';
import type { Predicate } from './match.ts';
import { parseQuery } from './parser.ts';
import { compileOrder } from './sort.ts';
import { QueryError } from './types.ts';
import type { CompiledSearch, QueryContext } from './types.ts';

function describe(operand: Operand): string {
  return operand.atom.kind === 'func' ? `${operand.atom.text}()` : `"${operand.atom.text}"`;
}

/** The text of a literal operand; functions other than those a field accepts are errors. */
function literal(operand: Operand, field: FieldSpec): string {
  if (operand.atom.kind === 'func') {
    throw new QueryError(`${describe(operand)} does not apply to ${field.label}`, operand.pos);
  }
  return operand.atom.text;
}

function userUids(operands: readonly Operand[], field: FieldSpec, lookups: Lookups): number[] {
  return operands.flatMap((operand) =>
    operand.atom.kind === 'func' && operand.atom.text === 'me'
      ? [lookups.ctx.meUid]
      : lookups.users(literal(operand, field), operand.pos),
  );
}

/** Equality against resolved members; one predicate for all the plain values of a list. */
function membersPredicate(field: FieldSpec, operands: Operand[], lookups: Lookups): Predicate {
  switch (field.kind) {
    case 'dict':
      return scalarIn(
        field.read,
        operands.flatMap((o) => lookups.dict(field.dict, literal(o, field), o.pos)),
      );
    case 'queue':
      return scalarIn(
        field.read,
        operands.flatMap((o) => lookups.queues(literal(o, field), o.pos)),
      );
    case 'issueRef':
      return scalarIn(
        field.read,
        operands.map((o) => literal(o, field).trim().toUpperCase()),
      );
    case 'key':
      return keyIn(operands.map((o) => literal(o, field).trim().toUpperCase()));
    case 'tags':
      return tagsIn(operands.map((o) => literal(o, field)));
    case 'user':
      return scalarIn(field.read, userUids(operands, field, lookups));
    case 'users':
      return arrayIn(field.read, userUids(operands, field, lookups));
    case 'text':
      return anyOf(operands.map((o) => textContains(literal(o, field), field.part)));
    case 'date':
      // Dates never reach here: every date value compiles through datePredicate.
      throw new QueryError(`Unexpected value for ${field.label}`, operands[0]?.pos);
  }
}

function dateInterval(operand: Operand, field: FieldSpec, lookups: Lookups): Interval {
  const atom = operand.atom;
  let interval: Interval | null;
  if (atom.kind === 'func') {
    if (!DATE_FUNCTIONS.has(atom.text)) {
      throw new QueryError(`${describe(operand)} does not apply to ${field.label}`, operand.pos);
    }
    interval = dateFunction(atom.text, lookups.ctx.now);
  } else {
    interval = parseDateLiteral(atom.text);
    if (interval === null) {
      throw new QueryError(`Invalid date ${describe(operand)} for ${field.label}`, operand.pos);
    }
  }
  if (interval === null) throw new QueryError(`Invalid date ${describe(operand)}`, operand.pos);
  return { lo: interval.lo + operand.shiftMs, hi: interval.hi + operand.shiftMs };
}

function datePredicate(
  field: FieldSpec & { kind: 'date' },
  value: ValueNode,
  lookups: Lookups,
): Predicate {
  const read = field.read;
  const from = dateInterval(value.from, field, lookups);
  let lo = -Infinity;
  let hi = Infinity;
  if (value.to !== null) {
    lo = from.lo;
    hi = dateInterval(value.to, field, lookups).hi;
  } else if (value.op === '=') {
    lo = from.lo;
    hi = from.hi;
  } else if (value.op === '>') {
    lo = from.hi;
  } else if (value.op === '>=') {
    lo = from.lo;
  } else if (value.op === '<') {
    hi = from.lo;
  } else {
    hi = from.hi;
  }
  return (issue) => {
    const at = read(issue);
    return at !== null && at >= lo && at < hi;
  };
}

/** Comparisons and ranges: only priorities have a meaningful order to compare by. */
function orderedPredicate(field: FieldSpec, value: ValueNode, lookups: Lookups): Predicate {
  if (field.kind !== 'dict' || field.dict !== 'priorities') {
    throw new QueryError(`${field.label} does not support comparisons or ranges`, value.pos);
  }
  const order = lookups.order('priorities');
  const rank = (operand: Operand): number => {
    const [key] = lookups.dict('priorities', literal(operand, field), operand.pos);
    return order.get(key as string) as number;
  };
  const x = rank(value.from);
  let lo = -Infinity;
  let hi = Infinity;
  if (value.to !== null) {
    const y = rank(value.to);
    lo = Math.min(x, y);
    hi = Math.max(x, y);
  } else if (value.op === '>') lo = x + 0.5;
  else if (value.op === '>=') lo = x;
  else if (value.op === '<') hi = x - 0.5;
  else hi = x;
  const read = field.read;
  return (issue) => {
    const r = order.get(read(issue) ?? '');
    return r !== undefined && r >= lo && r <= hi;
  };
}

/** `empty()`, `notEmpty()` and `unresolved()`: standalone values, never compared. */
function specialFunction(value: ValueNode, field: FieldSpec): 'empty' | 'notempty' | null {
  const atom = value.from.atom;
  if (atom.kind !== 'func' || !['empty', 'notempty', 'unresolved'].includes(atom.text)) return null;
  if (value.op !== '=' || value.to !== null || value.from.shiftMs !== 0) {
    throw new QueryError(`${atom.text}() cannot be compared or shifted`, value.pos);
  }
  if (atom.text === 'unresolved' && field.id !== 'resolution') {
    throw new QueryError(`unresolved() applies only to Resolution`, value.from.pos);
  }
  return atom.text === 'notempty' ? 'notempty' : 'empty';
}

function compileField(node: QueryNode & { kind: 'field' }, lookups: Lookups): Predicate {
  const field = findField(node.name);
  if (field === undefined) throw new QueryError(`Unknown field "${node.name}"`, node.pos);
  const include: Predicate[] = [];
  const exclude: Predicate[] = [];
  const includeMembers: Operand[] = [];
  const excludeMembers: Operand[] = [];
  for (const value of node.values) {
    const target = value.negated ? exclude : include;
    const special = specialFunction(value, field);
    if (special !== null) {
      target.push(special === 'empty' ? isEmpty(field) : not(isEmpty(field)));
    } else if (field.kind === 'date') {
      target.push(datePredicate(field, value, lookups));
    } else if (value.from.shiftMs !== 0 || (value.to !== null && value.to.shiftMs !== 0)) {
      throw new QueryError(`Date arithmetic applies only to date fields`, value.pos);
    } else if (value.op !== '=' || value.to !== null) {
      target.push(orderedPredicate(field, value, lookups));
    } else {
      (value.negated ? excludeMembers : includeMembers).push(value.from);
    }
  }
  if (includeMembers.length > 0) include.push(membersPredicate(field, includeMembers, lookups));
  if (excludeMembers.length > 0) exclude.push(membersPredicate(field, excludeMembers, lookups));
  const any = anyOf(include);
  if (exclude.length === 0) return any;
  const none = not(anyOf(exclude));
  return include.length === 0 ? none : allOf([any, none]);
}

function compileNode(node: QueryNode, lookups: Lookups): Predicate {
  switch (node.kind) {
    case 'and':
      return allOf(node.items.map((item) => compileNode(item, lookups)));
    case 'or':
      return anyOf(node.items.map((item) => compileNode(item, lookups)));
    case 'not':
      return not(compileNode(node.item, lookups));
    case 'text':
      return textContains(node.text, 'any');
    case 'field':
      return compileField(node, lookups);
  }
}

/** Compiles an already parsed search (either selector form) against a context. */
export function compileParsed(parsed: ParsedQuery, ctx: QueryContext): CompiledSearch {
  const lookups = new Lookups(ctx);
  const matches = parsed.root === null ? () => true : compileNode(parsed.root, lookups);
  const { compare, order } = compileOrder(parsed.sort, lookups);
  return { matches, compare, sorted: order.length > 0, order };
}

/**
 * Compiles a query-language search (`query` of `_search`/`_count`). Without "Sort by" results are
 * in key order (undocumented for the real service). Empty text matches every issue.
 * Throws {@link QueryError}.
 */
export function compileQuery(text: string, ctx: QueryContext): CompiledSearch {
  if (typeof text !== 'string') throw new QueryError('The query must be a string');
  return compileParsed(parseQuery(text), ctx);
}

/**
 * Compiles the `filter` object plus optional `order` (`"+status"`, `"-updated"` or a list) of
 * `_search`/`_count`. Without `order` results are in key order. Throws {@link QueryError}.
 */
export function compileFilter(filter: unknown, order: unknown, ctx: QueryContext): CompiledSearch {
  return compileParsed(filterToQuery(filter, order), ctx);
}
