import markdownIt from 'markdown-it';
import type { MarkdownIt } from 'markdown-it';
import { yfmBlocks } from './blocks.ts';
import type { NoteKind } from './blocks.ts';
import { highlightCode } from './highlight.ts';
import { yfmInline } from './inline.ts';
import { yfmLinks } from './links.ts';
import type { AttachmentMatcher, ImageLabels, ImageResolver, MarkupEnv } from './links.ts';
import { sanitizeMarkupHtml } from './sanitize.ts';

export {
  attachmentIdFromSrc,
  isSafeImageSrc,
  markupLinkAction,
  normalizeExternalHref,
} from './links.ts';
export type { AttachmentMatcher, ImageLabels, ImageResolver, MarkupLinkAction } from './links.ts';
export type { NoteKind } from './blocks.ts';

/** Options for {@link renderMarkup}. */
export interface RenderMarkupOptions {
  /** Maps an attachment image reference to a blob:/data:image/ URL; null leaves it blocked. */
  resolveImage?: ImageResolver;
  /**
   * Maps an image reference to one of the attachment ids; such images render with
   * `data-attachment-id` and no source, for the caller to fill in (see `attachmentIdFromSrc`).
   */
  matchAttachment?: AttachmentMatcher;
  /**
   * Levels to add to every heading (h1 + 3 = h4, capped at h6), so headings inside an issue do
   * not outrank the screen's own; the original level stays as class `yfm-h<n>`.
   */
  headingOffset?: number;
  /** Localized titles of image placeholders. */
  imageLabels?: ImageLabels;
  /** The window whose DOM DOMPurify uses; defaults to the global `window`. */
  window?: Window;
  /** Titles for notes written without one. */
  noteTitles?: Partial<Record<NoteKind, string>>;
}

let parser: MarkdownIt | null = null;

function markdown(): MarkdownIt {
  if (!parser) {
    parser = markdownIt('default', {
      html: false,
      linkify: false,
      typographer: false,
      breaks: true,
      highlight: highlightCode,
    });
    parser.use(yfmBlocks).use(yfmInline).use(yfmLinks);
  }
  return parser;
}

/**
 * Renders Yandex Flavored Markdown (Tracker descriptions and comments) to sanitized HTML:
 * raw HTML in the source is shown as text, links are external http(s)/mailto only
 * (`data-external`) or in-app issue links (`data-issue-key`), and images load only
 * blob:/data:image/ URLs returned by `resolveImage`, or are attachment placeholders
 * (`img[data-attachment-id]`, no source) when `matchAttachment` names one.
 */
export function renderMarkup(source: string, options: RenderMarkupOptions = {}): string {
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  if (!win) throw new Error('renderMarkup needs a DOM window to sanitize');
  const env: MarkupEnv = {
    resolveImage: options.resolveImage,
    matchAttachment: options.matchAttachment,
    imageLabels: options.imageLabels,
    headingOffset: options.headingOffset,
    noteTitles: options.noteTitles,
  };
  return sanitizeMarkupHtml(markdown().render(source, env), win);
}
