import type { MarkdownIt } from 'markdown-it';
import type { StateBlock, StateCore } from 'markdown-it';
import type { MarkupEnv } from './links.ts';

/** Note kinds supported by `{% note kind %}`. */
export type NoteKind = 'info' | 'tip' | 'warning' | 'alert';

const CUT_OPEN = /^\{%\s*cut\s+(?:"([^"]*)"|'([^']*)')\s*%\}\s*$/;
const NOTE_OPEN = /^\{%\s*note\s+(info|tip|warning|alert)(?:\s+(?:"([^"]*)"|'([^']*)'))?\s*%\}\s*$/;
const CLOSE = /^\{%\s*(endcut|endnote)\s*%\}\s*$/;
const TERMINATES = { alt: ['paragraph', 'reference', 'blockquote', 'list'] };

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!).trim();
}

/** `{% cut %}`, `{% note %}` and their closing tags, one tag per line. */
function containerRule(
  state: StateBlock,
  startLine: number,
  _end: number,
  silent: boolean,
): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const text = lineText(state, startLine);
  if (!text.startsWith('{%')) return false;
  const cut = CUT_OPEN.exec(text);
  const note = cut ? null : NOTE_OPEN.exec(text);
  const close = cut || note ? null : CLOSE.exec(text);
  if (!cut && !note && !close) return false;
  if (silent) return true;
  let token;
  if (cut) {
    token = state.push('yfm_cut_open', 'details', 0);
    token.meta = { title: cut[1] ?? cut[2] ?? '' };
  } else if (note) {
    token = state.push('yfm_note_open', 'div', 0);
    token.meta = { kind: note[1] as NoteKind, title: note[2] ?? note[3] ?? null };
  } else {
    token = state.push(close?.[1] === 'endcut' ? 'yfm_cut_close' : 'yfm_note_close', 'div', 0);
  }
  token.map = [startLine, startLine + 1];
  token.block = true;
  state.line = startLine + 1;
  return true;
}

/** Drops stray closing tags and closes containers left open, so the HTML stays balanced. */
function balanceContainers(state: StateCore): void {
  const stack: string[] = [];
  for (const token of state.tokens) {
    if (token.type === 'yfm_cut_open') stack.push('yfm_cut_close');
    else if (token.type === 'yfm_note_open') stack.push('yfm_note_close');
    else if (token.type === 'yfm_cut_close' || token.type === 'yfm_note_close') {
      if (stack[stack.length - 1] === token.type) stack.pop();
      else token.type = 'yfm_skip';
    }
  }
  while (stack.length > 0) {
    const closing = new state.Token(stack.pop() ?? 'yfm_skip', 'div', 0);
    closing.block = true;
    state.tokens.push(closing);
  }
}

/** Splits the body of a `#| … |#` table into rows of raw cell sources. */
export function splitYfmTable(body: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < body.length) {
    if (!body.startsWith('||', i)) {
      i++;
      continue;
    }
    i += 2;
    const row: string[] = [];
    let cell = '';
    let depth = 0;
    while (i < body.length) {
      const ch = body[i]!;
      if (ch === '\\' && i + 1 < body.length) {
        cell += body.slice(i, i + 2);
        i += 2;
      } else if (ch === '`') {
        const fence = /^`+/.exec(body.slice(i))![0];
        const end = body.indexOf(fence, i + fence.length);
        const stop = end < 0 ? i + fence.length : end + fence.length;
        cell += body.slice(i, stop);
        i = stop;
      } else if (body.startsWith('#|', i)) {
        depth++;
        cell += '#|';
        i += 2;
      } else if (depth > 0 && body.startsWith('|#', i)) {
        depth--;
        cell += '|#';
        i += 2;
      } else if (depth === 0 && body.startsWith('||', i)) {
        i += 2;
        break;
      } else if (depth === 0 && ch === '|') {
        row.push(cell);
        cell = '';
        i++;
      } else {
        cell += ch;
        i++;
      }
    }
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .trimEnd()
    .split('\n');
  const first = lines[0]?.trimStart() ?? '';
  const rest = lines.slice(1);
  const indents = rest.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return [first, ...rest.map((l) => l.slice(cut))].join('\n');
}

/** YFM multiline table: `#|`, rows `|| a | b ||`, `|#`; cells hold block markdown. */
function yfmTableRule(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (lineText(state, startLine) !== '#|') return false;
  let depth = 1;
  let closeLine = -1;
  for (let line = startLine + 1; line < endLine; line++) {
    const text = lineText(state, line);
    if (text === '#|' || text.startsWith('#|')) depth++;
    if (text === '|#' || text.endsWith('|#')) depth--;
    if (depth === 0) {
      closeLine = line;
      break;
    }
  }
  if (closeLine < 0) return false;
  if (silent) return true;
  const closeText = lineText(state, closeLine);
  const bodyEnd = state.bMarks[closeLine]! + state.tShift[closeLine]! + closeText.length - 2;
  const body = state.src.slice(state.bMarks[startLine + 1]!, bodyEnd);
  const open = state.push('table_open', 'table', 1);
  open.attrSet('class', 'yfm-table');
  open.map = [startLine, closeLine + 1];
  state.push('tbody_open', 'tbody', 1);
  for (const row of splitYfmTable(body)) {
    state.push('tr_open', 'tr', 1);
    for (const cell of row) {
      state.push('td_open', 'td', 1);
      state.md.block.parse(dedent(cell), state.md, state.env, state.tokens);
      state.push('td_close', 'td', -1);
    }
    state.push('tr_close', 'tr', -1);
  }
  state.push('tbody_close', 'tbody', -1);
  state.push('table_close', 'table', -1);
  state.line = closeLine + 1;
  return true;
}

/** Default note titles, overridable per render. */
export const DEFAULT_NOTE_TITLES: Readonly<Record<NoteKind, string>> = {
  info: 'Note',
  tip: 'Tip',
  warning: 'Warning',
  alert: 'Alert',
};

/** Registers YFM block syntax (cuts, notes, multiline tables) on a markdown-it instance. */
export function yfmBlocks(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'yfm_table', yfmTableRule, TERMINATES);
  md.block.ruler.before('fence', 'yfm_container', containerRule, TERMINATES);
  md.core.ruler.push('yfm_balance', balanceContainers);
  const esc = md.utils.escapeHtml;
  const rules = md.renderer.rules;
  rules['yfm_cut_open'] = (tokens, idx) => {
    const title = String((tokens[idx]!.meta as { title: string }).title);
    return `<details class="yfm-cut"><summary>${esc(title)}</summary>\n`;
  };
  rules['yfm_cut_close'] = () => '</details>\n';
  rules['yfm_note_open'] = (tokens, idx, _options, env) => {
    const { noteTitles } = env as MarkupEnv;
    const meta = tokens[idx]!.meta as { kind: NoteKind; title: string | null };
    const title = meta.title ?? noteTitles?.[meta.kind] ?? DEFAULT_NOTE_TITLES[meta.kind];
    return (
      `<div class="yfm-note yfm-note-${meta.kind}" role="note">` +
      `<p class="yfm-note-title">${esc(title)}</p>\n`
    );
  };
  rules['yfm_note_close'] = () => '</div>\n';
  rules['yfm_skip'] = () => '';
  // Headings inside an issue sit below the screen's own headings: `headingOffset` shifts their
  // level (capped at h6) so the page outline stays in order, and the class keeps the look.
  const heading: NonNullable<typeof rules.heading_open> = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const offset = (env as MarkupEnv).headingOffset ?? 0;
    const level = Number(token.tag.slice(1));
    if (offset > 0 && level >= 1 && level <= 6) {
      token.tag = `h${Math.min(6, level + offset)}`;
      if (token.nesting === 1) token.attrJoin('class', `yfm-h${level}`);
    }
    return self.renderToken(tokens, idx, options);
  };
  rules.heading_open = heading;
  rules.heading_close = heading;
}
