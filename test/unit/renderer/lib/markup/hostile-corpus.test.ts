/**
 * Every payload of the emulator's hostile-content corpus, rendered as an issue description or
 * comment is: the sanitized HTML must hold nothing that runs script or loads a remote resource.
 * (The end-to-end journey opens the same payloads in Chromium; this is the fast, jsdom-side net.)
 *
 * External links are the one allowed remote URL: an `<a>` may keep an http(s)/mailto href when the
 * renderer marked it `data-external` with `rel="noopener noreferrer nofollow"`; the issue view never
 * follows it itself (a click goes to main's openExternal), so it loads nothing.
 */
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- plain test data (strings), no main code runs
import { HOSTILE_PAYLOADS } from '../../../../../main/emulator/hostile.ts';
import { renderMarkup } from '../../../../../renderer/src/lib/markup/index.ts';

const FORBIDDEN_ELEMENTS = [
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'form',
  'style',
  'svg',
  'math',
  'noscript',
  'template',
  'video',
  'audio',
  'source',
  'picture',
];
const FORBIDDEN_TAG = new RegExp(`<(?:${FORBIDDEN_ELEMENTS.join('|')})\\b`, 'i');
/** Attributes that name a URL something could load or navigate to. */
const URL_ATTRS = new Set([
  'href',
  'src',
  'srcset',
  'srcdoc',
  'poster',
  'data',
  'action',
  'formaction',
  'xlink:href',
  'background',
  'ping',
  'content',
]);
const REMOTE = /^(?:https?:|\/\/|\\\\|\/\\)/i;
const SCRIPT_URL = /^(?:javascript:|vbscript:|data:text\/html)/i;

/** An attribute value as a browser's URL parser sees it: no whitespace or control characters. */
function squeezed(value: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return value.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '');
}

/** Every reason `html` is not inert; empty when it is. */
function problems(html: string): string[] {
  const out: string[] = [];
  if (/<script/i.test(html)) out.push('contains "<script"');
  const tag = FORBIDDEN_TAG.exec(html);
  if (tag) out.push(`contains "${tag[0]}"`);
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const el of template.content.querySelectorAll('*')) {
    const name = el.tagName.toLowerCase();
    if (FORBIDDEN_ELEMENTS.includes(name)) out.push(`<${name}> element`);
    for (const attr of [...el.attributes]) {
      const where = `<${name} ${attr.name}="${attr.value}">`;
      const value = squeezed(attr.value);
      if (/^on/i.test(attr.name)) out.push(`event handler ${where}`);
      if (attr.name === 'style') out.push(`inline style ${where}`);
      if (/url\s*\(/i.test(attr.value)) out.push(`url() in ${where}`);
      if (SCRIPT_URL.test(value)) out.push(`script URL ${where}`);
      if (!URL_ATTRS.has(attr.name)) continue;
      const external =
        name === 'a' &&
        attr.name === 'href' &&
        /^(?:https?:\/\/|mailto:)/i.test(attr.value) &&
        el.hasAttribute('data-external') &&
        /\bnoopener\b/.test(el.getAttribute('rel') ?? '') &&
        /\bnoreferrer\b/.test(el.getAttribute('rel') ?? '');
      const candidates = attr.name === 'srcset' ? value.split(',') : [value];
      if (!external && candidates.some((c) => REMOTE.test(c))) out.push(`remote URL ${where}`);
      if (name === 'img' && attr.name === 'src') out.push(`image source ${where}`);
    }
  }
  return out;
}

describe('hostile corpus through the markup renderer', () => {
  it('the checker catches what it should (sanity)', () => {
    expect(problems('<p>ok <a href="#/issue/A-1" data-issue-key="A-1">A-1</a></p>')).toEqual([]);
    expect(problems('<img src="https://evil.example/x.png">')).not.toEqual([]);
    expect(problems('<a href="jav\tascript:alert(1)">x</a>')).not.toEqual([]);
    expect(problems('<a href="https://evil.example/">x</a>')).not.toEqual([]);
    expect(problems('<p onclick="x">x</p>')).not.toEqual([]);
    expect(problems('<p>&lt;script&gt; onerror=alert(1)</p>')).toEqual([]);
  });

  for (const payload of HOSTILE_PAYLOADS) {
    it(`${payload.id}: ${payload.label}`, () => {
      const html = renderMarkup(payload.text, { window });
      expect(problems(html), html).toEqual([]);
    });
  }
});
