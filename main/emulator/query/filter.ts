/**
 * Translates the filter-object selector of `_search`/`_count` into the parsed form the query
 * language uses, so both compile through one path:
 *
 *   {"queue":"TREK","assignee":"me()","status":["open","inProgress"],
 *    "created":{"from":"2019-03-02","to":"2019-03-31"}}        + order "-updated" / ["+status", …]
 *
 * Keys are API field ids (see fields.ts). String values are literal (`"In Progress"` needs no
 * quoting) unless they start with a function call (`"me()"`, `"empty()"`, `"today() - 1w"`).
 * Arrays are OR; keys are AND; `{from, to}` is an inclusive range (a date-only `to` covers its day).
 */
import type { Operand, ParsedQuery, QueryNode, SortNode, ValueNode } from './ast.ts';
import { findFilterField } from './fields.ts';
import type { FieldSpec } from './fields.ts';
import { parseValueText } from './parser.ts';
import { QueryError } from './types.ts';

const FUNCTION_CALL = /^\s*[A-Za-z]+\(\)/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function literalOperand(text: string): Operand {
  return { atom: { kind: 'literal', text, quoted: true }, shiftMs: 0 };
}

/** One scalar of a filter value, as an operand. */
function operand(raw: unknown, where: string): Operand {
  if (typeof raw === 'number' && Number.isFinite(raw)) return literalOperand(String(raw));
  if (typeof raw !== 'string') {
    throw new QueryError(`filter.${where}: expected a string or a number, got ${describe(raw)}`);
  }
  if (!FUNCTION_CALL.test(raw)) return literalOperand(raw);
  let value: ValueNode;
  try {
    value = parseValueText(raw);
  } catch (error) {
    if (error instanceof QueryError) throw new QueryError(`filter.${where}: ${error.message}`);
    throw error;
  }
  if (value.negated || value.op !== '=' || value.to !== null) {
    throw new QueryError(`filter.${where}: operators are not supported in filter values`);
  }
  return value.from;
}

function describe(value: unknown): string {
  if (value === null) return 'null (use "empty()")';
  if (Array.isArray(value)) return 'a nested list';
  return typeof value;
}

function plain(from: Operand): ValueNode {
  return { negated: false, op: '=', from, to: null };
}

function rangeValue(range: Record<string, unknown>, where: string): ValueNode {
  const extra = Object.keys(range).filter((k) => k !== 'from' && k !== 'to');
  if (extra.length > 0) {
    throw new QueryError(`filter.${where}: unknown range key "${extra[0]}" (use from/to)`);
  }
  const hasFrom = range.from !== undefined && range.from !== null;
  const hasTo = range.to !== undefined && range.to !== null;
  if (!hasFrom && !hasTo) throw new QueryError(`filter.${where}: a range needs "from" or "to"`);
  if (hasFrom && hasTo) {
    return {
      negated: false,
      op: '=',
      from: operand(range.from, `${where}.from`),
      to: operand(range.to, `${where}.to`),
    };
  }
  if (hasFrom)
    return { negated: false, op: '>=', from: operand(range.from, `${where}.from`), to: null };
  return { negated: false, op: '<=', from: operand(range.to, `${where}.to`), to: null };
}

function fieldValues(raw: unknown, field: FieldSpec, where: string): ValueNode[] {
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new QueryError(`filter.${where}: empty list`);
    return raw.map((item, i) => plain(operand(item, `${where}[${i}]`)));
  }
  if (isPlainObject(raw)) {
    if (field.kind !== 'date' && field.id !== 'priority') {
      throw new QueryError(`filter.${where}: ${field.label} does not support ranges`);
    }
    return [rangeValue(raw, where)];
  }
  return [plain(operand(raw, where))];
}

function sortNodes(order: unknown): SortNode[] {
  if (order === undefined || order === null) return [];
  const items = Array.isArray(order) ? order : [order];
  return items.map((item, i) => {
    const where = Array.isArray(order) ? `order[${i}]` : 'order';
    if (typeof item !== 'string')
      throw new QueryError(`${where}: expected a string like "-updated"`);
    const match = /^\s*([+-]?)\s*(\S+)\s*$/.exec(item);
    const field = match ? findFilterField(match[2] as string) : undefined;
    if (!match || field === undefined) {
      throw new QueryError(`${where}: unknown sort field "${item}"`);
    }
    return { name: field.label, desc: match[1] === '-' };
  });
}

/** Converts `filter` + `order` into a {@link ParsedQuery}; throws {@link QueryError}. */
export function filterToQuery(filter: unknown, order: unknown): ParsedQuery {
  if (!isPlainObject(filter))
    throw new QueryError(`filter must be an object, got ${describe(filter)}`);
  const items: QueryNode[] = [];
  for (const [key, raw] of Object.entries(filter)) {
    const field = findFilterField(key);
    if (field === undefined) throw new QueryError(`filter: unknown field "${key}"`);
    if (raw === undefined || raw === null) {
      throw new QueryError(`filter.${key}: ${describe(null)}`);
    }
    items.push({ kind: 'field', name: field.label, values: fieldValues(raw, field, key) });
  }
  const root: QueryNode | null =
    items.length === 0
      ? null
      : items.length === 1
        ? (items[0] as QueryNode)
        : { kind: 'and', items };
  return { root, sort: sortNodes(order) };
}
