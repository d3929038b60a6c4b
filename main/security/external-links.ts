/**
 * The policy for opening links outside the app. Only https URLs on Tracker's and Yandex's own hosts
 * leave the app; everything else (other schemes, credentials in the URL, other hosts) is refused.
 */

/** Hosts whose pages the app may open in the system browser (subdomains are not implied). */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = [
  'tracker.yandex.ru',
  'tracker.yandex.com',
  'oauth.yandex.ru',
  'oauth.yandex.com',
  'passport.yandex.ru',
  'passport.yandex.com',
  'id.yandex.ru',
  'ya.ru',
  'yandex.ru',
  'yandex.com',
  'yandex.cloud',
  'console.yandex.cloud',
  'center.yandex.cloud',
  'admin.yandex.ru',
  'github.com',
];

/**
 * Returns the normalized URL when it may be opened externally, else null. Compares the parsed
 * hostname exactly, so `tracker.yandex.ru.evil.com` and `evil.com/#tracker.yandex.ru` are refused.
 * `extraOrigins` are exact origins configured by the user or a test (a self-hosted OAuth server, the
 * local emulator); they are matched by origin, scheme and port included.
 */
export function allowedExternalUrl(
  raw: string,
  allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST,
  extraOrigins: readonly string[] = [],
): string | null {
  if (typeof raw !== 'string' || raw.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  if (
    extraOrigins.includes(url.origin) &&
    (url.protocol === 'https:' || url.protocol === 'http:')
  ) {
    return url.toString();
  }
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return allowlist.includes(host) ? url.toString() : null;
}
