import type { MarkdownIt } from 'markdown-it';
import type { NoteKind } from './blocks.ts';

/** Resolves an attachment image reference to a displayable URL (blob:/data:image/), or null. */
export type ImageResolver = (src: string, alt: string) => string | null;

/**
 * Maps an image reference to the id of one of the issue's attachments, or null. The image is then
 * rendered without a source, marked with `data-attachment-id`, for the view to fill in once it has
 * fetched the bytes (the renderer is synchronous; fetching is not).
 */
export type AttachmentMatcher = (src: string, alt: string) => string | null;

/** Texts of the placeholders shown instead of images that are not loaded. */
export interface ImageLabels {
  /** Title prefix of an image on another site (never fetched). */
  readonly remote: string;
  /** Title prefix of an image that is not one of the issue's attachments. */
  readonly missing: string;
}

/** Render-time environment passed through markdown-it. */
export type MarkupEnv = {
  resolveImage?: ImageResolver;
  matchAttachment?: AttachmentMatcher;
  noteTitles?: Partial<Record<NoteKind, string>>;
  imageLabels?: ImageLabels;
  headingOffset?: number;
};

/** An attachment id as `attachments.image` accepts it. */
export const ATTACHMENT_ID = /^[\w-]{1,64}$/;

// Tracker's own inline image forms: `/ajax/v2/attachments/<id>?inline=true` (the web editor) and
// the API's `/v2/issues/<KEY>/attachments/<id>/<name>` (thumbnails and downloads).
// Only relative paths and Tracker's own hosts: an attachment path on any other host is a remote
// image like any other.
const ATTACHMENT_PATH =
  /^(?:https:\/\/tracker\.yandex\.(?:ru|com)|https:\/\/tracker\.yandex\.cloud)?\/(?:ajax\/)?v\d\/(?:issues\/[^/]+\/)?attachments\/([\w-]{1,64})(?:[/?#]|$)/i;

/**
 * The attachment an image reference names: Tracker's attachment URL forms (by id), or a bare
 * file name or id equal to one of `attachments`. Null for anything else, including remote URLs.
 */
export function attachmentIdFromSrc(
  src: string,
  attachments: readonly { readonly id: string; readonly name: string }[],
): string | null {
  const trimmed = src.trim();
  const path = ATTACHMENT_PATH.exec(trimmed);
  if (path) return path[1]!;
  if (HAS_SCHEME.test(trimmed)) return null;
  let decoded = trimmed;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    // A malformed escape is matched as written.
  }
  const match = attachments.find((a) => a.id === decoded || a.name === decoded);
  return match && ATTACHMENT_ID.test(match.id) ? match.id : null;
}

const ISSUE_HREF = /^#\/issue\/([A-Z][A-Z0-9_]*-[1-9]\d*)$/;
const SAFE_IMAGE_SRC = /^(?:blob:|data:image\/(?:png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,])/i;
const HAS_SCHEME = /^(?:[a-z][a-z0-9+.-]*:|\/\/|\\\\)/i;

/** Returns the normalized URL if `href` is http(s) or mailto, otherwise null. */
export function normalizeExternalHref(href: string): string | null {
  const trimmed = href.trim();
  if (!/^(?:https?:\/\/|mailto:)/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') {
      return null;
    }
    return url.href;
  } catch {
    return null;
  }
}

/** True for URLs an `<img>` may load: blob: and raster/SVG data:image/ URLs. */
export function isSafeImageSrc(src: string): boolean {
  return SAFE_IMAGE_SRC.test(src.trim());
}

/** What a click inside rendered markup should do. */
export type MarkupLinkAction = { kind: 'issue'; key: string } | { kind: 'external'; url: string };

/**
 * Classifies a click target inside rendered markup (Svelte-free, for the issue view):
 * an in-app issue link, an external link for main's openExternal, or null (let it be / ignore).
 * The view should `preventDefault()` on any click on an `<a>` in the markup.
 */
export function markupLinkAction(target: EventTarget | null): MarkupLinkAction | null {
  const el = target as Element | null;
  const anchor = typeof el?.closest === 'function' ? el.closest('a') : null;
  if (!anchor) return null;
  const key = anchor.getAttribute('data-issue-key');
  const href = anchor.getAttribute('href') ?? '';
  if (key !== null) {
    const match = ISSUE_HREF.exec(href);
    return match && match[1] === key ? { kind: 'issue', key } : null;
  }
  if (!anchor.hasAttribute('data-external')) return null;
  const url = normalizeExternalHref(href);
  return url ? { kind: 'external', url } : null;
}

/** Renders links (external only, marked for the view) and images (resolved or blocked). */
export function yfmLinks(md: MarkdownIt): void {
  const esc = md.utils.escapeHtml;
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    const href = normalizeExternalHref(String(token.attrGet('href') ?? ''));
    const title = token.attrGet('title');
    token.attrs = null;
    if (href) {
      token.attrSet('href', href);
      token.attrSet('rel', 'noopener noreferrer nofollow');
      token.attrSet('data-external', '');
    }
    if (title) token.attrSet('title', String(title));
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const { resolveImage, matchAttachment, imageLabels } = env as MarkupEnv;
    const token = tokens[idx]!;
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const raw = String(token.attrGet('src') ?? '');
    const src = md.normalizeLinkText(raw);
    // Tracker's absolute attachment URLs count as attachments, not as remote images.
    const attachment = src && matchAttachment ? matchAttachment(src, alt) : null;
    if (attachment !== null && ATTACHMENT_ID.test(attachment)) {
      return `<img alt="${esc(alt)}" class="yfm-image" data-attachment-id="${esc(attachment)}">`;
    }
    const remote = HAS_SCHEME.test(src.trim());
    const resolved = !remote && src && resolveImage ? resolveImage(src, alt) : null;
    if (resolved && isSafeImageSrc(resolved)) {
      return `<img src="${esc(resolved)}" alt="${esc(alt)}" class="yfm-image">`;
    }
    const reason = remote
      ? (imageLabels?.remote ?? 'Remote image not loaded')
      : (imageLabels?.missing ?? 'Image not available');
    const kind = remote ? 'image-remote' : 'image-missing';
    return (
      `<span class="image-blocked ${kind}" title="${esc(`${reason}: ${src}`)}">` +
      `${esc(alt || src)}</span>`
    );
  };
}
