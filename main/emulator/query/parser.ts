/**
 * Recursive-descent parser of the supported query-language subset:
 *
 *   query   := or?                      ("Sort by" clauses are lifted out at the top level)
 *   or      := and (OR and)*
 *   and     := unary ((AND)? unary)*    (juxtaposition is AND; AND binds tighter than OR)
 *   unary   := (NOT | '!') unary | primary
 *   primary := '(' or ')' | name ':' value (',' value)* | word | "string"   (bare = free text)
 *   value   := '!'? ('>' | '<' | '>=' | '<=')? operand ('..' operand)?
 *   operand := (word | "string" | func '(' ')') (('+' | '-') duration)*
 *
 * Everything else is a {@link QueryError} with a position: the emulator must never answer a search
 * it did not understand.
 */
import type { Atom, CmpOp, Operand, ParsedQuery, QueryNode, SortNode, ValueNode } from './ast.ts';
import { parseDuration } from './dates.ts';
import { functionName } from './functions.ts';
import { describeToken, tokenize } from './lexer.ts';
import type { Token } from './lexer.ts';
import { normalizeName } from './text.ts';
import { QueryError } from './types.ts';

const SORT_BY = 'sort by';

class Parser {
  private index = 0;
  private depth = 0;
  private sort: SortNode[] | null = null;

  constructor(private readonly tokens: readonly Token[]) {}

  parseQuery(): ParsedQuery {
    if (this.peek().kind === 'eof') return { root: null, sort: [] };
    const root = this.parseOr();
    const rest = this.peek();
    if (rest.kind === 'rparen') throw new QueryError("Unmatched ')'", rest.pos);
    if (rest.kind !== 'eof') throw new QueryError(`Unexpected ${describeToken(rest)}`, rest.pos);
    return { root, sort: this.sort ?? [] };
  }

  parseSingleValue(): ValueNode {
    const value = this.parseValue('value');
    const rest = this.peek();
    if (rest.kind !== 'eof') throw new QueryError(`Unexpected ${describeToken(rest)}`, rest.pos);
    return value;
  }

  private peek(offset = 0): Token {
    const last = this.tokens.length - 1;
    return this.tokens[Math.min(this.index + offset, last)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /** A bare keyword (AND/OR/NOT), unless it is a field name (`And: x`). */
  private isKeyword(token: Token, keyword: string, offset: number): boolean {
    return (
      token.kind === 'word' &&
      token.text.toLowerCase() === keyword &&
      this.peek(offset + 1).kind !== 'colon'
    );
  }

  private startsField(offset: number): boolean {
    const token = this.peek(offset);
    return (
      (token.kind === 'word' || token.kind === 'string') && this.peek(offset + 1).kind === 'colon'
    );
  }

  private startsSort(): boolean {
    return this.startsField(0) && normalizeName(this.peek().text) === SORT_BY;
  }

  /** Whether nothing that can start a condition follows (the end of an AND chain). */
  private atChainEnd(): boolean {
    const token = this.peek();
    return token.kind === 'eof' || token.kind === 'rparen' || this.isKeyword(token, 'or', 0);
  }

  private parseOr(): QueryNode | null {
    const items: QueryNode[] = [];
    const first = this.parseAnd();
    if (first !== null) items.push(first);
    while (this.isKeyword(this.peek(), 'or', 0)) {
      const or = this.next();
      if (this.atChainEnd()) throw new QueryError('Expected a condition after OR', or.pos);
      const item = this.parseAnd();
      if (item !== null) items.push(item);
    }
    // Null only when every branch was a "Sort by" clause: the condition is "everything".
    if (items.length === 0) return null;
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'or', items };
  }

  /** Returns null when the chain held only "Sort by" clauses. */
  private parseAnd(): QueryNode | null {
    const items: QueryNode[] = [];
    let seen = false;
    for (;;) {
      const token = this.peek();
      if (this.atChainEnd()) break;
      if (this.isKeyword(token, 'and', 0)) {
        if (!seen) throw new QueryError('Unexpected AND', token.pos);
        this.next();
        if (this.atChainEnd() || this.isKeyword(this.peek(), 'and', 0)) {
          throw new QueryError('Expected a condition after AND', token.pos);
        }
        continue;
      }
      if (this.startsSort()) {
        this.parseSort();
      } else {
        items.push(this.parseUnary());
      }
      seen = true;
    }
    if (!seen) {
      const token = this.peek();
      if (token.kind === 'rparen') throw new QueryError("Unexpected ')'", token.pos);
      throw new QueryError(`Unexpected ${describeToken(token)}`, token.pos);
    }
    if (items.length === 0) return null;
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'and', items };
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token.kind === 'bang' || this.isKeyword(token, 'not', 0)) {
      this.next();
      const after = this.peek();
      if (this.atChainEnd() || this.isKeyword(after, 'and', 0)) {
        throw new QueryError(`Expected a condition after ${describeToken(token)}`, token.pos);
      }
      return { kind: 'not', item: this.parseUnary(), pos: token.pos };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.next();
      if (this.peek().kind === 'rparen') throw new QueryError('Empty parentheses', token.pos);
      this.depth++;
      // Never null here: a "Sort by" inside parentheses is an error.
      const inner = this.parseOr() as QueryNode;
      this.depth--;
      if (this.peek().kind !== 'rparen') {
        throw new QueryError("Missing ')' to close the '(' opened", token.pos);
      }
      this.next();
      return inner;
    }
    if (this.startsSort()) {
      throw new QueryError('"Sort by" is only allowed at the top level of a query', token.pos);
    }
    if (this.startsField(0)) return this.parseField();
    if (token.kind === 'word' || token.kind === 'string') {
      const after = this.peek(1);
      if (token.kind === 'word' && after.kind === 'lparen' && after.pos === token.end) {
        functionName(token);
        throw new QueryError(`Function ${token.text}() can only be a field's value`, token.pos);
      }
      this.next();
      return { kind: 'text', text: token.text, pos: token.pos };
    }
    if (token.kind === 'rparen') throw new QueryError("Unmatched ')'", token.pos);
    if (token.kind === 'colon') throw new QueryError("Expected a field name before ':'", token.pos);
    throw new QueryError(`Unexpected ${describeToken(token)}`, token.pos);
  }

  private parseField(): QueryNode {
    const name = this.next();
    this.next(); // the colon
    const values = [this.parseValue(name.text)];
    while (this.peek().kind === 'comma') {
      this.next();
      values.push(this.parseValue(name.text));
    }
    return { kind: 'field', name: name.text, values, pos: name.pos };
  }

  private parseSort(): void {
    const clause = this.next();
    if (this.depth > 0) {
      throw new QueryError('"Sort by" is only allowed at the top level of a query', clause.pos);
    }
    if (this.sort !== null) throw new QueryError('"Sort by" given more than once', clause.pos);
    this.next(); // the colon
    const keys: SortNode[] = [];
    for (;;) {
      const field = this.peek();
      if ((field.kind !== 'word' && field.kind !== 'string') || this.startsField(0)) {
        throw new QueryError('Expected a field name after "Sort by"', field.pos);
      }
      this.next();
      let desc = false;
      const direction = this.peek();
      if (direction.kind === 'word' && /^(asc|desc)$/i.test(direction.text)) {
        this.next();
        desc = direction.text.toLowerCase() === 'desc';
      }
      keys.push({ name: field.text, desc, pos: field.pos });
      if (this.peek().kind !== 'comma') break;
      this.next();
    }
    // `Updated DESC Key ASC` would otherwise read as free text "Key" "ASC".
    const stray = this.peek(1);
    if (this.peek().kind === 'word' && stray.kind === 'word' && /^(asc|desc)$/i.test(stray.text)) {
      throw new QueryError('Separate "Sort by" keys with commas', this.peek().pos);
    }
    this.sort = keys;
  }

  private parseValue(field: string): ValueNode {
    const start = this.peek();
    let negated = false;
    let op: CmpOp = '=';
    if (start.kind === 'bang') {
      this.next();
      negated = true;
    }
    const cmp = this.peek();
    if (cmp.kind === 'cmp') {
      this.next();
      op = cmp.text as CmpOp;
    }
    const from = this.parseOperand(field);
    let to: Operand | null = null;
    const range = this.peek();
    if (range.kind === 'range') {
      this.next();
      if (op !== '=')
        throw new QueryError('A range cannot follow a comparison operator', range.pos);
      to = this.parseOperand(field);
    }
    return { negated, op, from, to, pos: start.pos };
  }

  private parseOperand(field: string): Operand {
    const token = this.peek();
    const expected = `Expected a value for "${field}"`;
    if (token.kind !== 'word' && token.kind !== 'string') throw new QueryError(expected, token.pos);
    if (token.kind === 'word' && ['and', 'or', 'not'].some((k) => this.isKeyword(token, k, 0))) {
      throw new QueryError(expected, token.pos);
    }
    if (this.startsField(0)) throw new QueryError(expected, token.pos);
    let atom: Atom;
    const paren = this.peek(1);
    if (token.kind === 'word' && paren.kind === 'lparen' && paren.pos === token.end) {
      atom = this.parseFunction();
    } else {
      this.next();
      atom = { kind: 'literal', text: token.text, quoted: token.kind === 'string', pos: token.pos };
    }
    let shiftMs = 0;
    for (;;) {
      const sign = this.peek();
      if (sign.kind !== 'minus' && sign.kind !== 'plus') break;
      this.next();
      const amount = this.peek();
      const ms =
        amount.kind === 'word' || amount.kind === 'string' ? parseDuration(amount.text) : null;
      if (ms === null) {
        throw new QueryError(`Expected a duration such as 12h or "1w 1d"`, amount.pos);
      }
      this.next();
      shiftMs += sign.kind === 'minus' ? -ms : ms;
    }
    return { atom, shiftMs, pos: token.pos };
  }

  private parseFunction(): Atom {
    const token = this.next();
    const name = functionName(token);
    this.next(); // the '('
    const close = this.peek();
    if (close.kind === 'eof') throw new QueryError(`Missing ')' after ${token.text}(`, token.pos);
    if (close.kind !== 'rparen') {
      throw new QueryError(`Function ${token.text}() takes no arguments`, close.pos);
    }
    this.next();
    return { kind: 'func', text: name, quoted: false, pos: token.pos };
  }
}

/** Parses query-language text; throws {@link QueryError} (with a position) on anything else. */
export function parseQuery(text: string): ParsedQuery {
  return new Parser(tokenize(text)).parseQuery();
}

/**
 * Parses one field value on its own (e.g. `today() - 1w`), as the filter form's function strings
 * are written; throws {@link QueryError}.
 */
export function parseValueText(text: string): ValueNode {
  return new Parser(tokenize(text)).parseSingleValue();
}
