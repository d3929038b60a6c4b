import type { MarkdownIt } from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';

/** Colours accepted by `{color}(text)`; `grey` is an alias of `gray`. */
export const YFM_COLORS = [
  'red',
  'green',
  'blue',
  'yellow',
  'gray',
  'grey',
  'orange',
  'purple',
  'violet',
  'cyan',
] as const;

const COLOR_OPEN = new RegExp(`^\\{(${YFM_COLORS.join('|')})\\}\\(`);
const CHECKBOX = /^\[([ xX])\]\s+/;
/** `@login` or an issue key `QUEUE-123`, not glued to a word, path or e-mail. */
const REFERENCE =
  /(?<![\p{L}\p{N}_@./\\-])(?:@([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)|([A-Z][A-Z0-9_]*-[1-9]\d*))(?![\p{L}\p{N}_@-])/gu;

/** `{red}(text)`: the text is parsed as inline markdown and wrapped in a class-only span. */
function colorRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x7b) return false;
  const match = COLOR_OPEN.exec(state.src.slice(start, state.posMax));
  if (!match) return false;
  const contentStart = start + match[0].length;
  let depth = 1;
  let pos = contentStart;
  for (; pos < state.posMax; pos++) {
    const ch = state.src[pos];
    if (ch === '\\') pos++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) break;
  }
  if (depth !== 0 || pos >= state.posMax) return false;
  if (!silent) {
    const color = match[1] === 'grey' ? 'gray' : match[1]!;
    const open = state.push('yfm_color_open', 'span', 1);
    open.attrSet('class', `yfm-color-${color}`);
    const oldMax = state.posMax;
    state.pos = contentStart;
    state.posMax = pos;
    state.md.inline.tokenize(state);
    state.posMax = oldMax;
    state.push('yfm_color_close', 'span', -1);
  }
  state.pos = pos + 1;
  return true;
}

function makeToken(state: StateCore, type: string, content: string): Token {
  const token = new state.Token(type, '', 0);
  token.content = content;
  return token;
}

/** Splits a text token into text, mention and issue-key tokens. */
function splitReferences(state: StateCore, text: Token): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const match of text.content.matchAll(REFERENCE)) {
    const at = match.index;
    if (at > last) out.push(makeToken(state, 'text', text.content.slice(last, at)));
    if (match[1] !== undefined) out.push(makeToken(state, 'yfm_mention', match[1]));
    else out.push(makeToken(state, 'yfm_issue', match[2]!));
    last = at + match[0].length;
  }
  if (out.length === 0) return [text];
  if (last < text.content.length) out.push(makeToken(state, 'text', text.content.slice(last)));
  return out;
}

/** Turns a leading `[ ]` / `[x]` of a list item into a read-only checkbox. */
function checklistItem(state: StateCore, index: number): void {
  const inline = state.tokens[index]!;
  const first = inline.children?.[0];
  const item = state.tokens[index - 2];
  if (!first || first.type !== 'text' || item?.type !== 'list_item_open') return;
  if (state.tokens[index - 1]?.type !== 'paragraph_open') return;
  const match = CHECKBOX.exec(first.content);
  if (!match) return;
  first.content = first.content.slice(match[0].length);
  const box = makeToken(state, 'yfm_checkbox', '');
  box.meta = { checked: match[1] !== ' ' };
  // The item's text labels its checkbox, so assistive technology reads "done item, checked".
  inline.children!.unshift(makeToken(state, 'yfm_label_open', ''), box);
  inline.children!.push(makeToken(state, 'yfm_label_close', ''));
  item.attrJoin('class', 'yfm-checklist-item');
}

/** Core pass: checklists, mentions, issue keys, and table alignment as classes. */
function referencesRule(state: StateCore): void {
  state.tokens.forEach((token, index) => {
    if (token.type === 'th_open' || token.type === 'td_open') {
      const align = /text-align:\s*(left|right|center)/.exec(String(token.attrGet('style') ?? ''));
      token.attrs = align ? [['class', `yfm-align-${align[1]}`]] : null;
    }
    if (token.type !== 'inline' || !token.children) return;
    checklistItem(state, index);
    let linkDepth = 0;
    const children: Token[] = [];
    for (const child of token.children) {
      if (child.type === 'link_open') linkDepth++;
      if (child.type === 'link_close') linkDepth = Math.max(0, linkDepth - 1);
      if (child.type === 'text' && linkDepth === 0) children.push(...splitReferences(state, child));
      else children.push(child);
    }
    token.children = children;
  });
}

/** Registers YFM inline syntax (colours, checklists, mentions, issue keys) on markdown-it. */
export function yfmInline(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'yfm_color', colorRule);
  md.core.ruler.push('yfm_references', referencesRule);
  const esc = md.utils.escapeHtml;
  const rules = md.renderer.rules;
  rules['yfm_mention'] = (tokens, idx) =>
    `<span class="mention">@${esc(tokens[idx]!.content)}</span>`;
  rules['yfm_issue'] = (tokens, idx) => {
    const key = esc(tokens[idx]!.content);
    return `<a href="#/issue/${key}" class="issue-link" data-issue-key="${key}">${key}</a>`;
  };
  rules['yfm_label_open'] = () => '<label class="yfm-checklist-label">';
  rules['yfm_label_close'] = () => '</label>';
  rules['yfm_checkbox'] = (tokens, idx) => {
    const checked = (tokens[idx]!.meta as { checked: boolean }).checked;
    return `<input type="checkbox" class="yfm-checkbox" disabled${checked ? ' checked' : ''}> `;
  };
}
