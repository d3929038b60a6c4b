/**
 * The parsed form shared by the query-language parser and the filter-object translator, so both
 * selectors compile through one path. Positions are 0-based offsets into the query text; the
 * filter form has none.
 */

/** A value as written: a literal (bare or quoted) or a zero-argument function call. */
export interface Atom {
  readonly kind: 'literal' | 'func';
  /** Literal text as written (quotes removed), or the lower-cased function name. */
  readonly text: string;
  readonly quoted: boolean;
  readonly pos?: number;
}

/** An atom with optional date arithmetic applied: `now() - 12h` is `now()` shifted by -12h. */
export interface Operand {
  readonly atom: Atom;
  /** Milliseconds added to the atom's date; 0 when no arithmetic was written. */
  readonly shiftMs: number;
  readonly pos?: number;
}

/** Comparison written after the colon; `=` when none was. */
export type CmpOp = '=' | '>' | '<' | '>=' | '<=';

/** One value of `Field: v1, v2`: optionally negated, compared, or a `from..to` range. */
export interface ValueNode {
  readonly negated: boolean;
  readonly op: CmpOp;
  readonly from: Operand;
  /** Upper end of a `from..to` range (only with op `=`). */
  readonly to: Operand | null;
  readonly pos?: number;
}

/** A boolean condition. */
export type QueryNode =
  | { readonly kind: 'and'; readonly items: readonly QueryNode[] }
  | { readonly kind: 'or'; readonly items: readonly QueryNode[] }
  | { readonly kind: 'not'; readonly item: QueryNode; readonly pos?: number }
  | {
      readonly kind: 'field';
      /** The field name as written; resolved against the field table at compile time. */
      readonly name: string;
      readonly values: readonly ValueNode[];
      readonly pos?: number;
    }
  | { readonly kind: 'text'; readonly text: string; readonly pos?: number };

/** One key of a "Sort by" clause or of the filter form's `order`. */
export interface SortNode {
  readonly name: string;
  readonly desc: boolean;
  readonly pos?: number;
}

/** A whole search: the condition (null = every issue) plus the requested order. */
export interface ParsedQuery {
  readonly root: QueryNode | null;
  readonly sort: readonly SortNode[];
}
