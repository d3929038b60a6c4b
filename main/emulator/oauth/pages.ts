/**
 * The OAuth emulator's HTML pages (consent, device code entry, errors) in Russian and English.
 * Self-contained: one stylesheet allowed by its hash, no scripts, no external resources. Every interpolated value
 * goes through `escapeHtml`.
 */
import { createHash } from 'node:crypto';
import type { OAuthUser } from './clients.ts';

/** Page language. */
export type Lang = 'ru' | 'en';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Picks ru or en from `Accept-Language` by q-value; English when neither is listed. */
export function pickLanguage(acceptLanguage: string | undefined): Lang {
  let best: { lang: Lang; q: number } | null = null;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'ru' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(q) && q > 0 && (best === null || q > best.q)) best = { lang: primary, q };
  }
  return best?.lang ?? 'en';
}

const TEXT = {
  en: {
    title: 'Yandex ID (emulator)',
    consentHeading: 'Allow access',
    consentLead: 'The app {app} asks for access to your Yandex account {user}.',
    device: 'Device: {device}',
    permissions: 'It will be able to:',
    allow: 'Allow',
    deny: 'Deny',
    deviceHeading: 'Connect a device',
    deviceLead: 'Enter the code shown on your device.',
    code: 'Code',
    next: 'Continue',
    deviceBadCode: 'That code is wrong or has expired.',
    deviceApproved: 'Done. Return to your device.',
    deviceDenied: 'Access denied. You can close this page.',
    verificationHeading: 'Confirmation code',
    verificationLead: 'Copy this code into the app:',
    errorHeading: 'Error',
  },
  ru: {
    title: 'Яндекс ID (эмулятор)',
    consentHeading: 'Разрешить доступ',
    consentLead: 'Приложение {app} запрашивает доступ к вашему аккаунту Яндекса {user}.',
    device: 'Устройство: {device}',
    permissions: 'Оно сможет:',
    allow: 'Разрешить',
    deny: 'Отклонить',
    deviceHeading: 'Подключить устройство',
    deviceLead: 'Введите код, показанный на устройстве.',
    code: 'Код',
    next: 'Продолжить',
    deviceBadCode: 'Код неверный или устарел.',
    deviceApproved: 'Готово. Вернитесь к устройству.',
    deviceDenied: 'Доступ запрещён. Эту страницу можно закрыть.',
    verificationHeading: 'Код подтверждения',
    verificationLead: 'Скопируйте этот код в приложение:',
    errorHeading: 'Ошибка',
  },
} as const;

const SCOPE_TEXT: Readonly<Record<string, { ru: string; en: string }>> = {
  'tracker:read': { ru: 'Чтение из Трекера', en: 'Read from Tracker' },
  'tracker:write': { ru: 'Запись в Трекер', en: 'Write to Tracker' },
};

/** Fills `{name}` placeholders with already-escaped HTML fragments. */
function fill(template: string, values: Record<string, string>): string {
  return escapeHtml(template).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The pages' only stylesheet; its hash is what the CSP allows (no 'unsafe-inline'). */
export const PAGE_CSS = `
body{font:16px/1.4 system-ui,sans-serif;background:#f5f5f5;margin:0;padding:2rem}
main{max-width:28rem;margin:auto;background:#fff;border-radius:12px;padding:1.5rem 2rem}
h1{font-size:1.4rem}button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem;border-radius:8px}
.allow{background:#fc3f1d;color:#fff;border:0}.code{font:2rem monospace;letter-spacing:.2em}
.error{color:#c00}
`;

/** CSP source for {@link PAGE_CSS}. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

function layout(lang: Lang, heading: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(TEXT[lang].title)}</title>
<style>${PAGE_CSS}</style></head>
<body><main><h1>${escapeHtml(heading)}</h1>
${body}
</main></body></html>
`;
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n');
}

function scopeList(lang: Lang, scopes: readonly string[]): string {
  const items = scopes.map((scope) => `<li>${escapeHtml(SCOPE_TEXT[scope]?.[lang] ?? scope)}</li>`);
  return `<p>${escapeHtml(TEXT[lang].permissions)}</p><ul>${items.join('')}</ul>`;
}

/** What a consent page shows and where its Allow/Deny form posts. */
export interface ConsentPageModel {
  readonly appName: string;
  readonly user: OAuthUser;
  readonly scopes: readonly string[];
  readonly deviceName?: string;
  readonly action: string;
  /** Hidden fields identifying the pending request and its CSRF token. */
  readonly fields: Record<string, string>;
}

/** The consent page, used by both `/authorize` and the device flow's confirmation step. */
export function renderConsentPage(lang: Lang, model: ConsentPageModel): string {
  const t = TEXT[lang];
  const user = `<b>${escapeHtml(model.user.display)}</b> (${escapeHtml(model.user.login)})`;
  const device =
    model.deviceName === undefined || model.deviceName === ''
      ? ''
      : `<p>${fill(t.device, { device: escapeHtml(model.deviceName) })}</p>`;
  return layout(
    lang,
    t.consentHeading,
    `<p>${fill(t.consentLead, { app: `<b>${escapeHtml(model.appName)}</b>`, user })}</p>
${device}${scopeList(lang, model.scopes)}
<form method="post" action="${escapeHtml(model.action)}">
${hidden(model.fields)}
<button class="allow" type="submit" name="decision" value="allow">${escapeHtml(t.allow)}</button>
<button type="submit" name="decision" value="deny">${escapeHtml(t.deny)}</button>
</form>`,
  );
}

/** The device page: a form for the user code, with an error line after a wrong code. */
export function renderDeviceEntryPage(lang: Lang, action: string, badCode: boolean): string {
  const t = TEXT[lang];
  const error = badCode ? `<p class="error">${escapeHtml(t.deviceBadCode)}</p>` : '';
  return layout(
    lang,
    t.deviceHeading,
    `<p>${escapeHtml(t.deviceLead)}</p>${error}
<form method="post" action="${escapeHtml(action)}">
<label>${escapeHtml(t.code)} <input name="user_code" inputmode="numeric" autocomplete="off" required></label>
<button class="allow" type="submit">${escapeHtml(t.next)}</button>
</form>`,
  );
}

/** After a device decision. */
export function renderDeviceDonePage(lang: Lang, approved: boolean): string {
  const t = TEXT[lang];
  return layout(
    lang,
    t.deviceHeading,
    `<p>${escapeHtml(approved ? t.deviceApproved : t.deviceDenied)}</p>`,
  );
}

/**
 * Yandex's verification_code page: shows the code for the user to copy, or the error the
 * authorization ended with.
 */
export function renderVerificationCodePage(lang: Lang, code: string | null, error: string): string {
  const t = TEXT[lang];
  if (code === null) return renderErrorPage(lang, 'missing_code', error);
  return layout(
    lang,
    t.verificationHeading,
    `<p>${escapeHtml(t.verificationLead)}</p><p class="code">${escapeHtml(code)}</p>`,
  );
}

const ERRORS = {
  unknown_client: {
    en: 'Unknown app (client_id). Check the app registration.',
    ru: 'Неизвестное приложение (client_id). Проверьте регистрацию приложения.',
  },
  bad_redirect_uri: {
    en: 'The redirect_uri does not match any Callback URI registered for this app.',
    ru: 'redirect_uri не совпадает ни с одним Callback URI, зарегистрированным для приложения.',
  },
  stale_request: {
    en: 'This request has expired or was already answered. Start signing in again.',
    ru: 'Запрос устарел или уже обработан. Начните вход заново.',
  },
  unknown_user: {
    en: 'The emulator has no such user.',
    ru: 'В эмуляторе нет такого пользователя.',
  },
  missing_code: {
    en: 'No confirmation code in the request.',
    ru: 'В запросе нет кода подтверждения.',
  },
} as const;

/** Why an error page is shown. */
export type ErrorReason = keyof typeof ERRORS;

/** An error page; used instead of redirecting when the redirect URI cannot be trusted. */
export function renderErrorPage(lang: Lang, reason: ErrorReason, detail = ''): string {
  const message = ERRORS[reason][lang];
  const extra = detail === '' ? '' : `<p>${escapeHtml(detail)}</p>`;
  return layout(
    lang,
    TEXT[lang].errorHeading,
    `<p class="error">${escapeHtml(message)}</p>${extra}`,
  );
}
