/**
 * The i18n layer: a rune class holding the current locale, with translation, plurals and date
 * formatting that re-run wherever they are read when the locale changes.
 */
import { getContext, setContext } from 'svelte';
import {
  dictionaries,
  LOCALES,
  type Locale,
  type MessageKey,
  type PluralForms,
  type PluralKey,
} from './messages.ts';

/** Values substituted for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Options that pin what otherwise comes from the user's system (tests, previews). */
export interface I18nOptions {
  /** IANA time zone for dates; the system's when omitted. */
  readonly timeZone?: string;
}

// Belarusian, Ukrainian and Kazakh speakers are far more likely to read Russian than English, and
// the UI is only translated into these two languages.
const RUSSIAN_READERS = new Set(['ru', 'be', 'uk', 'kk']);

/**
 * Picks the UI locale from `navigator.languages`: the first language we can serve decides, so a
 * user who prefers English over Russian gets English; with none, English.
 */
export function detectLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
    if (RUSSIAN_READERS.has(primary)) return 'ru';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** True for the locales the UI is translated into. */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Replaces `{name}` placeholders; unknown ones stay visible so a missing param is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** The current locale plus everything that formats text for it. */
export class I18n {
  /** The UI locale; assigning it re-renders every translated string. */
  locale: Locale = $state('en');

  readonly #timeZone: string | undefined;
  // Intl objects are costly to build, so they are rebuilt only when the locale changes.
  #pluralRules = $derived(new Intl.PluralRules(this.locale));
  #numberFormat = $derived(new Intl.NumberFormat(this.locale));
  #dateTimeFormat = $derived.by(
    () =>
      new Intl.DateTimeFormat(this.locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: this.#timeZone,
      }),
  );

  /** Starts in `locale` (English by default). */
  constructor(locale: Locale = 'en', options: I18nOptions = {}) {
    this.locale = locale;
    this.#timeZone = options.timeZone;
  }

  /** The message for `key` in the current locale, with `{name}` placeholders filled from `params`. */
  t(key: MessageKey, params?: MessageParams): string {
    return interpolate(dictionaries[this.locale].messages[key], params);
  }

  /**
   * The plural form of `forms` (or of the plural message `forms`) that fits `count` in the current
   * locale, with `{count}` set to the localized number and other placeholders from `params`.
   */
  plural(count: number, forms: PluralForms | PluralKey, params?: MessageParams): string {
    const set = typeof forms === 'string' ? dictionaries[this.locale].plurals[forms] : forms;
    const template = set[this.#pluralRules.select(count)] ?? set.other;
    return interpolate(template, { ...params, count: this.#numberFormat.format(count) });
  }

  /** A localized number, e.g. `1 234,5` in Russian. */
  formatNumber(value: number): string {
    return this.#numberFormat.format(value);
  }

  /** Epoch milliseconds as a medium date and short time in the locale and the user's time zone. */
  formatDateTime(ms: number): string {
    return this.#dateTimeFormat.format(ms);
  }
}

const I18N_KEY = Symbol('i18n');

/** Makes `i18n` available to the calling component and its descendants; call during init. */
export function setI18n(i18n: I18n): I18n {
  return setContext(I18N_KEY, i18n);
}

/** The `I18n` provided by an ancestor; call during component init. */
export function getI18n(): I18n {
  const i18n = getContext<I18n | undefined>(I18N_KEY);
  if (!i18n) throw new Error('No I18n in context: wrap the component in App or pass i18nContext()');
  return i18n;
}

/** A context map holding `i18n`, for `mount(…, { context })` and component tests. */
export function i18nContext(i18n: I18n): Map<symbol, I18n> {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- mount()'s context option, not state
  return new Map([[I18N_KEY, i18n]]);
}
