import { describe, expect, it } from 'vitest';
import {
  detectLocale,
  I18n,
  interpolate,
  isLocale,
} from '../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import {
  EN_PARTS,
  en,
  enPlurals,
  ru,
  ruPlurals,
} from '../../../../renderer/src/lib/i18n/messages.ts';

const tasks = {
  one: '{count} задача',
  few: '{count} задачи',
  many: '{count} задач',
  other: '{count} задачи',
};

describe('plural', () => {
  it.each([
    [1, '1 задача'],
    [2, '2 задачи'],
    [5, '5 задач'],
    [11, '11 задач'],
    [21, '21 задача'],
    [22, '22 задачи'],
    [25, '25 задач'],
    [1.5, '1,5 задачи'],
  ])('Russian %d → %s', (count, expected) => {
    expect(new I18n('ru').plural(count, tasks)).toBe(expected);
  });

  it('uses the plural dictionary of the current locale by key', () => {
    const i18n = new I18n('en');
    expect(i18n.plural(1, 'issues')).toBe('1 issue');
    expect(i18n.plural(21, 'issues')).toBe('21 issues');
    i18n.locale = 'ru';
    expect(i18n.plural(21, 'issues')).toBe('21 задача');
    expect(i18n.plural(1234, 'issues')).toBe('1\u00a0234 задачи');
  });

  it('falls back to `other` when the locale needs a form the caller did not give', () => {
    expect(new I18n('ru').plural(5, { one: '{count} file', other: '{count} files' })).toBe(
      '5 files',
    );
  });
});

describe('t', () => {
  it('translates in the current locale and follows locale changes', () => {
    const i18n = new I18n('en');
    expect(i18n.t('status.offline')).toBe('Offline');
    i18n.locale = 'ru';
    expect(i18n.t('status.offline')).toBe('Не в сети');
  });

  it('fills {name} placeholders and leaves unknown ones visible', () => {
    expect(new I18n('en').t('app.coreError.code', { code: 'E_OFFLINE' })).toBe(
      'Error code: E_OFFLINE',
    );
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });
});

describe('formatDateTime', () => {
  const ms = Date.UTC(2025, 0, 15, 9, 5);

  it('formats in the locale and the given time zone', () => {
    const enText = new I18n('en', { timeZone: 'UTC' }).formatDateTime(ms);
    expect(enText).toMatch(/Jan 15, 2025/);
    expect(enText).toMatch(/9:05/);
    const ruText = new I18n('ru', { timeZone: 'Europe/Moscow' }).formatDateTime(ms);
    expect(ruText).toMatch(/15 янв\. 2025/);
    expect(ruText).toMatch(/12:05/);
  });
});

describe('detectLocale', () => {
  it.each([
    [['ru-RU'], 'ru'],
    [['be'], 'ru'],
    [['uk-UA', 'en'], 'ru'],
    [['kk_KZ'], 'ru'],
    [['RU'], 'ru'],
    [['de-DE', 'ru'], 'ru'],
    [['en-GB', 'ru'], 'en'],
    [['fr'], 'en'],
    [['rue'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(detectLocale(languages)).toBe(expected);
  });

  it('recognises only the translated locales', () => {
    expect(isLocale('ru')).toBe(true);
    expect(isLocale('de')).toBe(false);
  });
});

describe('dictionaries', () => {
  it('have a Russian string for every English key, and no extra ones', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const value of Object.values(ru)) expect(value.trim()).not.toBe('');
  });

  it('have Russian plural messages with every Russian form for every English key', () => {
    expect(Object.keys(ruPlurals).sort()).toEqual(Object.keys(enPlurals).sort());
    for (const forms of Object.values(ruPlurals)) {
      expect(Object.keys(forms).sort()).toEqual(['few', 'many', 'one', 'other']);
    }
  });

  it('are merged from parts that never define the same key twice', () => {
    const owners = new Map<string, string>();
    for (const [part, messages] of Object.entries(EN_PARTS)) {
      for (const key of Object.keys(messages)) {
        const kind = part.endsWith('Plurals') ? 'plural' : 'message';
        const earlier = owners.get(`${kind}:${key}`);
        expect(earlier, `${key} is in both ${earlier} and ${part}`).toBeUndefined();
        owners.set(`${kind}:${key}`, part);
      }
    }
    expect(owners.size).toBe(Object.keys(en).length + Object.keys(enPlurals).length);
  });

  it('keep the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
