/**
 * The small pages the loopback server answers the browser with, in the UI language. Self-contained:
 * no script, no images, no external resources; one stylesheet allowed by its hash, so the CSP can
 * stay `default-src 'none'` without 'unsafe-inline'. No request data is ever echoed into a page.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** The languages of the UI. */
export type AuthLanguage = 'ru' | 'en';

/** Which page to show. */
export type LoopbackPageKind = 'success' | 'denied' | 'failed' | 'rejected' | 'finished';

const TEXT: Readonly<Record<AuthLanguage, Record<LoopbackPageKind, readonly [string, string]>>> = {
  en: {
    success: ['Signed in', 'You can close this tab and return to Tracker Desktop.'],
    denied: [
      'Sign-in cancelled',
      'Access was not granted. Return to Tracker Desktop to try again.',
    ],
    failed: ['Sign-in failed', 'Return to Tracker Desktop for details.'],
    rejected: [
      'Link not accepted',
      'This link does not belong to the sign-in in progress. Return to Tracker Desktop.',
    ],
    finished: ['Sign-in already finished', 'You can close this tab and return to Tracker Desktop.'],
  },
  ru: {
    success: ['Вход выполнен', 'Можно закрыть эту вкладку и вернуться в Tracker Desktop.'],
    denied: [
      'Вход отменён',
      'Доступ не предоставлен. Вернитесь в Tracker Desktop, чтобы попробовать снова.',
    ],
    failed: ['Не удалось войти', 'Вернитесь в Tracker Desktop, чтобы узнать подробности.'],
    rejected: [
      'Ссылка не принята',
      'Эта ссылка не относится к текущему входу. Вернитесь в Tracker Desktop.',
    ],
    finished: ['Вход уже завершён', 'Можно закрыть эту вкладку и вернуться в Tracker Desktop.'],
  },
};

/** The pages' only stylesheet; the CSP allows exactly this text by its hash. */
export const LOOPBACK_PAGE_CSS =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:3rem 1rem;background:#f5f5f5;color:#222}' +
  'main{max-width:28rem;margin:auto;background:#fff;border-radius:12px;padding:1.5rem 2rem}' +
  'h1{font-size:1.3rem;margin-top:0}';

/** The CSP source of {@link LOOPBACK_PAGE_CSS}. */
export const LOOPBACK_PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(LOOPBACK_PAGE_CSS).digest('base64')}'`;

/** The Content-Security-Policy of every loopback response. */
export const LOOPBACK_CSP = [
  "default-src 'none'",
  `style-src ${LOOPBACK_PAGE_CSS_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response: nothing cached, no referrer leaks the code, nothing framed. */
export const LOOPBACK_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': LOOPBACK_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // One request per connection: no keep-alive socket outlives the flow.
  Connection: 'close',
};

/** The HTML of a page; the texts are constants, so nothing needs escaping. */
export function renderLoopbackPage(language: AuthLanguage, kind: LoopbackPageKind): string {
  const [heading, body] = TEXT[language][kind];
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tracker Desktop</title>
<style>${LOOPBACK_PAGE_CSS}</style></head>
<body><main><h1>${heading}</h1><p>${body}</p></main></body></html>
`;
}

/** Writes a page with the security headers. */
export function sendPage(
  res: ServerResponse,
  status: number,
  language: AuthLanguage,
  kind: LoopbackPageKind,
): void {
  const html = renderLoopbackPage(language, kind);
  res.writeHead(status, {
    ...LOOPBACK_SECURITY_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

/** Writes a plain-text 404 (or another bare status) with the security headers. */
export function sendBare(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...LOOPBACK_SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Picks the page language from a BCP 47 locale (`ru-RU` → ru, anything else → en). */
export function authLanguageOf(locale: string | undefined): AuthLanguage {
  return (locale ?? '').toLowerCase().split(/[-_]/)[0] === 'ru' ? 'ru' : 'en';
}
