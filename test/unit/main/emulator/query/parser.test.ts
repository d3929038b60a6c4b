import { describe, expect, it } from 'vitest';
import { QueryError, parseQuery } from '../../../../../main/emulator/query/index.ts';
import type { QueryNode, ValueNode } from '../../../../../main/emulator/query/index.ts';
import { tokenize } from '../../../../../main/emulator/query/lexer.ts';

/** The single field node a query parses to. */
function field(text: string): QueryNode & { kind: 'field' } {
  const { root } = parseQuery(text);
  if (root?.kind !== 'field') throw new Error(`not a field: ${JSON.stringify(root)}`);
  return root;
}

function value(text: string, index = 0): ValueNode {
  return field(text).values[index] as ValueNode;
}

/** A compact rendering of the boolean structure: fields as `Name=v1|v2`, text as `'t'`. */
function shape(node: QueryNode | null): string {
  if (node === null) return '*';
  switch (node.kind) {
    case 'and':
      return `and(${node.items.map(shape).join(', ')})`;
    case 'or':
      return `or(${node.items.map(shape).join(', ')})`;
    case 'not':
      return `not(${shape(node.item)})`;
    case 'text':
      return `'${node.text}'`;
    case 'field':
      return `${node.name}=${node.values.map((v) => v.from.atom.text).join('|')}`;
  }
}

/** The error a query raises. */
function failure(text: string): QueryError {
  try {
    parseQuery(text);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('lexer', () => {
  it('keeps keys, dates, logins and durations as single words', () => {
    const words = tokenize('TREK-12 2017-01-01 01.02.2017 02/01/2017 alice@ 12h')
      .filter((t) => t.kind === 'word')
      .map((t) => t.text);
    expect(words).toEqual(['TREK-12', '2017-01-01', '01.02.2017', '02/01/2017', 'alice@', '12h']);
  });

  it('splits ranges and leading minus, unescapes strings', () => {
    const kinds = tokenize('2017-01-01..2017-01-30 now()-12h "a \\"b\\""').map((t) => t.kind);
    expect(kinds).toEqual([
      'word',
      'range',
      'word',
      'word',
      'lparen',
      'rparen',
      'minus',
      'word',
      'string',
      'eof',
    ]);
    expect(tokenize('"a \\"b\\""')[0]?.text).toBe('a "b"');
  });

  it('keeps apostrophes, # and ! inside words; refuses them where they would be operators', () => {
    const words = tokenize("don't C# wow! a+b@x.ru")
      .filter((t) => t.kind === 'word')
      .map((t) => t.text);
    expect(words).toEqual(["don't", 'C#', 'wow!', 'a+b@x.ru']);
    expect(() => tokenize("'quoted'")).toThrow(/Use double quotes/);
    expect(() => tokenize('Summary: ~"x"')).toThrow(/'~' is not supported at position 9/);
  });

  it('reads comparison operators', () => {
    expect(
      tokenize('> < >= <=')
        .filter((t) => t.kind === 'cmp')
        .map((t) => t.text),
    ).toEqual(['>', '<', '>=', '<=']);
  });
});

describe('parseQuery: fields and values', () => {
  it('parses Field: value', () => {
    const node = field('Status: open');
    expect(node.name).toBe('Status');
    expect(node.pos).toBe(0);
    expect(node.values).toEqual([
      {
        negated: false,
        op: '=',
        to: null,
        pos: 8,
        from: {
          atom: { kind: 'literal', text: 'open', quoted: false, pos: 8 },
          shiftMs: 0,
          pos: 8,
        },
      },
    ]);
  });

  it('parses a value list as one field with several values', () => {
    expect(field('Status: open, inProgress,closed').values.map((v) => v.from.atom.text)).toEqual([
      'open',
      'inProgress',
      'closed',
    ]);
  });

  it('accepts quoted field names and quoted values with spaces', () => {
    const node = field('"Pending Reply From": me()');
    expect(node.name).toBe('Pending Reply From');
    expect(node.values[0]?.from.atom).toMatchObject({ kind: 'func', text: 'me' });
    expect(value('Status: "In Progress"').from.atom).toMatchObject({
      text: 'In Progress',
      quoted: true,
    });
  });

  it('keeps login@, numbers and non-ASCII words as literals', () => {
    expect(value('Assignee: alice@').from.atom.text).toBe('alice@');
    expect(value('Assignee: 1001').from.atom.text).toBe('1001');
    expect(value('Статус: Открыт').from.atom.text).toBe('Открыт');
  });

  it('reads comparison operators and negation after the colon', () => {
    expect(value('Updated: >= "2024-01-02 10:00:00"')).toMatchObject({ op: '>=', negated: false });
    expect(value('Updated: > 2024-01-02').op).toBe('>');
    expect(value('Updated: <2024-01-02').op).toBe('<');
    expect(value('Updated: <= 2024-01-02').op).toBe('<=');
    expect(value('Priority: !minor')).toMatchObject({ negated: true, op: '=' });
    expect(value('Priority: minor, !normal', 1).negated).toBe(true);
  });

  it('reads date ranges', () => {
    const range = value('Created: 2017-01-01..2017-01-30');
    expect(range.from.atom.text).toBe('2017-01-01');
    expect(range.to?.atom.text).toBe('2017-01-30');
    expect(value('Created: "2017-01-01 10:00".."2017-01-02"').to?.atom.text).toBe('2017-01-02');
  });

  it('reads functions (any case) and date arithmetic', () => {
    for (const name of [
      'me',
      'empty',
      'notEmpty',
      'now',
      'today',
      'week',
      'month',
      'quarter',
      'year',
      'unresolved',
    ]) {
      expect(value(`Field: ${name}()`).from.atom).toMatchObject({
        kind: 'func',
        text: name.toLowerCase(),
      });
    }
    expect(value('Updated: now() - 12h').from.shiftMs).toBe(-12 * 3600_000);
    expect(value('Updated: today()-"1w 1d"').from.shiftMs).toBe(-8 * 86400_000);
    expect(value('Updated: > now() - 2d + 30m').from.shiftMs).toBe(-2 * 86400_000 + 30 * 60_000);
    expect(value('Created: today()-1w..today()').to?.atom.text).toBe('today');
  });
});

describe('parseQuery: boolean structure', () => {
  it('joins juxtaposed conditions with AND', () => {
    expect(shape(parseQuery('Assignee: me() Resolution: empty()').root)).toBe(
      'and(Assignee=me, Resolution=empty)',
    );
  });

  it('binds AND tighter than OR, keywords in any case', () => {
    expect(shape(parseQuery('a: 1 OR b: 2 and c: 3').root)).toBe('or(a=1, and(b=2, c=3))');
    expect(shape(parseQuery('a: 1 b: 2 or c: 3').root)).toBe('or(and(a=1, b=2), c=3)');
  });

  it('groups with parentheses', () => {
    expect(
      shape(
        parseQuery('(Followers: me() OR Assignee: me() OR Author: me()) AND Resolution: empty()')
          .root,
      ),
    ).toBe('and(or(Followers=me, Assignee=me, Author=me), Resolution=empty)');
  });

  it('negates with NOT and a leading !', () => {
    expect(shape(parseQuery('NOT Status: open').root)).toBe('not(Status=open)');
    expect(shape(parseQuery('!(a: 1 OR b: 2) c: 3').root)).toBe('and(not(or(a=1, b=2)), c=3)');
  });

  it('reads bare words and quoted strings without a colon as free text', () => {
    expect(shape(parseQuery('crash "login page" Status: open').root)).toBe(
      "and('crash', 'login page', Status=open)",
    );
  });

  it('matches an empty query to everything', () => {
    expect(parseQuery('   ')).toEqual({ root: null, sort: [] });
  });
});

describe('parseQuery: Sort by', () => {
  it('lifts "Sort by" out of the condition, default ASC', () => {
    const parsed = parseQuery('Queue: TREK "Sort by": Updated DESC, Key');
    expect(shape(parsed.root)).toBe('Queue=TREK');
    expect(parsed.sort).toEqual([
      { name: 'Updated', desc: true, pos: 23 },
      { name: 'Key', desc: false, pos: 37 },
    ]);
  });

  it('accepts any case of the clause and the direction, anywhere at top level', () => {
    const parsed = parseQuery('"sort BY": priority asc Assignee: me()');
    expect(parsed.sort).toEqual([{ name: 'priority', desc: false, pos: 11 }]);
    expect(shape(parsed.root)).toBe('Assignee=me');
    expect(parseQuery('"Sort By": Key').root).toBeNull();
    expect(shape(parseQuery('Author: me() OR Assignee: me() "Sort by": Updated').root)).toBe(
      'or(Author=me, Assignee=me)',
    );
  });
});

describe('parseQuery: errors carry a position', () => {
  it.each([
    ['Status:', 'Expected a value for "Status"', 7],
    ['Status: open, ', 'Expected a value for "Status"', 14],
    ['Status: Assignee: me()', 'Expected a value for "Status"', 8],
    ['(Assignee: me()', "Missing ')'", 0],
    ['Assignee: me())', "Unmatched ')'", 14],
    ['()', 'Empty parentheses', 0],
    ['Status: changed(to: "x")', 'changed() is not supported', 8],
    ['Assignee: group(value: "devs")', 'group() is not supported', 10],
    ['Assignee: foo()', 'Unknown function foo()', 10],
    ['Assignee: me(x)', 'takes no arguments', 13],
    ['me()', "can only be a field's value", 0],
    ['Status: open AND', 'Expected a condition after AND', 13],
    ['Status: open OR', 'Expected a condition after OR', 13],
    ['OR Status: open', "Unexpected 'OR'", 0],
    ['AND Status: open', 'Unexpected AND', 0],
    ['NOT', "Expected a condition after 'NOT'", 0],
    ['Summary: "unterminated', 'Unterminated quoted string', 9],
    ['Summary: #"exact"', "Exact-match '#' is not supported", 9],
    [': open', "Expected a field name before ':'", 0],
    ['Updated: now() - 5x', 'Expected a duration', 17],
    ['Updated: > 2024-01-01..2024-02-01', 'A range cannot follow a comparison', 21],
    ['(Status: open "Sort by": Key)', '"Sort by" is only allowed at the top level', 14],
    ['NOT "Sort by": Key', '"Sort by" is only allowed at the top level', 4],
    ['"Sort by": Key "Sort by": Updated', '"Sort by" given more than once', 15],
    ['"Sort by": Updated DESC Key ASC', 'Separate "Sort by" keys with commas', 24],
    ['"Sort by":', 'Expected a field name after "Sort by"', 10],
  ])('%s', (text, message, position) => {
    const error = failure(text);
    expect(error).toBeInstanceOf(QueryError);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`at position ${position}`);
  });
});
