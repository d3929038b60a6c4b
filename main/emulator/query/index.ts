/**
 * The emulator's search engine: pure functions from a `query` string or a `filter`/`order` pair to
 * a matcher and a comparator over IssueRecords. The HTTP layer filters, sorts and pages with them
 * and turns a {@link QueryError} into a 400.
 */
export { compileFilter, compileParsed, compileQuery } from './compile.ts';
export { parseQuery } from './parser.ts';
export { filterToQuery } from './filter.ts';
export { compareKeys } from './sort.ts';
export { FIELDS, findField, findFilterField } from './fields.ts';
export { QueryError } from './types.ts';
export type {
  Collection,
  CompiledSearch,
  QueryContext,
  QueryIssueType,
  QueryPriority,
  QueryQueue,
  QueryResolution,
  QueryStatus,
  QueryUser,
  SortKey,
} from './types.ts';
export type { ParsedQuery, QueryNode, SortNode, ValueNode } from './ast.ts';
export type { FieldSpec } from './fields.ts';
