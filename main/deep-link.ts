/**
 * Deep links into the app: `tracker-desktop://issue/KEY` (the registered protocol) and pasted
 * Tracker web links such as `https://tracker.yandex.ru/KEY`. Pure: the Electron entry feeds it
 * argv (Windows, Linux) and macOS 'open-url' URLs, and navigates only to what this accepts.
 */

/** The custom protocol the app registers with the OS. */
export const DEEP_LINK_SCHEME = 'tracker-desktop';

/** Where a deep link leads; the shape of the 'app.navigate' event's issue target. */
export interface DeepLink {
  readonly to: 'issue';
  readonly key: string;
}

/** Longer inputs are refused before any parsing. */
export const MAX_DEEP_LINK_LENGTH = 2048;

/** The issue key pattern of preload/browser-schemas.ts IssueKeySchema. */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,31}-\d{1,9}$/;

/** C0, DEL and C1 control characters (tabs and newlines included), anywhere in the input. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** `tracker-desktop://issue/KEY`, with the trailing slash Windows sometimes appends. */
const APP_LINK = /^tracker-desktop:\/\/issue\/([^/?#]+)\/?$/i;

/**
 * `https://tracker.yandex.ru/KEY` or `.com`, optionally with a query and a fragment. The host must
 * follow `//` directly and end at `/`, so userinfo, ports and look-alike hosts never match.
 */
const WEB_LINK = /^https:\/\/tracker\.yandex\.(?:ru|com)\/([^/?#]+)\/?(?:\?[^#]*)?(?:#.*)?$/i;

/** The issue a link points to, or undefined for anything that is not a well-formed deep link. */
export function parseDeepLink(input: string): DeepLink | undefined {
  if (typeof input !== 'string' || input.length > MAX_DEEP_LINK_LENGTH) return undefined;
  if (CONTROL_CHARS.test(input)) return undefined;
  // A pasted link may carry surrounding spaces; whitespace inside it never belongs to a link.
  const text = input.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  const match = APP_LINK.exec(text) ?? WEB_LINK.exec(text);
  const key = match?.[1]?.toUpperCase();
  if (!key || !ISSUE_KEY.test(key)) return undefined;
  return { to: 'issue', key };
}

/** The first argument that is a valid deep link (Windows and Linux pass the link in argv). */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | undefined {
  for (const arg of argv) {
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return undefined;
}
