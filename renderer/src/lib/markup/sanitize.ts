import DOMPurify from 'dompurify';
import type { Config, DOMPurify as Purifier, WindowLike } from 'dompurify';
import { ATTACHMENT_ID, isSafeImageSrc, normalizeExternalHref } from './links.ts';

const ALLOWED_TAGS = [
  'a',
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  's',
  'del',
  'ins',
  'sup',
  'sub',
  'mark',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'span',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'img',
  'input',
  'label',
];
const ALLOWED_ATTR = [
  'href',
  'rel',
  'title',
  'class',
  'alt',
  'src',
  'type',
  'checked',
  'disabled',
  'role',
  'start',
  'data-external',
  'data-issue-key',
  'data-attachment-id',
];
const ISSUE_HREF = /^#\/issue\/[A-Z][A-Z0-9_]*-[1-9]\d*$/;

/** DOMPurify settings: a closed allowlist; URLs are re-checked in the hook below. */
const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|blob):|#\/issue\/|[^a-z#]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  FORBID_TAGS: ['script', 'style', 'iframe', 'object', 'embed', 'form', 'svg', 'math', 'link'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href'],
};

function checkElement(node: Element): void {
  const tag = node.nodeName.toLowerCase();
  // Only an image may name an attachment, and only by a well-formed id.
  const attachment = node.getAttribute('data-attachment-id');
  if (attachment !== null && (tag !== 'img' || !ATTACHMENT_ID.test(attachment))) {
    node.removeAttribute('data-attachment-id');
  }
  if (tag === 'a') {
    const href = node.getAttribute('href');
    const issue = href !== null && ISSUE_HREF.test(href);
    const external = href !== null && !issue ? normalizeExternalHref(href) : null;
    if (issue) {
      node.removeAttribute('data-external');
      node.removeAttribute('rel');
      if (node.getAttribute('data-issue-key') !== href.slice('#/issue/'.length)) {
        node.setAttribute('data-issue-key', href.slice('#/issue/'.length));
      }
    } else if (external) {
      node.setAttribute('href', external);
      node.setAttribute('rel', 'noopener noreferrer nofollow');
      node.setAttribute('data-external', '');
      node.removeAttribute('data-issue-key');
    } else {
      for (const name of ['href', 'rel', 'data-external', 'data-issue-key']) {
        node.removeAttribute(name);
      }
    }
  } else if (tag === 'img') {
    const src = node.getAttribute('src');
    if (src === null || !isSafeImageSrc(src)) node.removeAttribute('src');
  } else if (tag === 'input') {
    node.setAttribute('type', 'checkbox');
    node.setAttribute('disabled', '');
  } else {
    node.removeAttribute('src');
    node.removeAttribute('href');
  }
}

const purifiers = new WeakMap<Window, Purifier>();

function purifierFor(win: Window): Purifier {
  let purifier = purifiers.get(win);
  if (!purifier) {
    purifier = DOMPurify(win as Window & WindowLike);
    purifier.addHook('afterSanitizeAttributes', checkElement);
    purifiers.set(win, purifier);
  }
  return purifier;
}

/** Sanitizes rendered markup HTML with the markup allowlist, using `win`'s DOM. */
export function sanitizeMarkupHtml(html: string, win: Window): string {
  return purifierFor(win).sanitize(html, CONFIG);
}
