import { parseIssueKey } from '../../../../../renderer/src/lib/list/issue-key.ts';
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import { dictionaries, type MessageKey } from '../../../../../renderer/src/lib/i18n/messages.ts';
import {
  buildCommands,
  filterCommands,
  matchScore,
  normalize,
  type PaletteSource,
} from '../../../../../renderer/src/lib/palette/commands.ts';

function source(locale: 'en' | 'ru', extra: Partial<PaletteSource> = {}): PaletteSource {
  const tr = (lang: 'en' | 'ru') => (key: MessageKey, params?: Readonly<Record<string, string>>) =>
    interpolate(dictionaries[lang].messages[key], params);
  return { t: tr(locale), en: tr('en'), pinnedQueues: [], savedSearches: [], ...extra };
}

const labels = (list: { label: string }[]) => list.map((c) => c.label);

describe('buildCommands', () => {
  it('offers every view, pinned queues, saved searches and the actions', () => {
    const commands = buildCommands(
      source('en', {
        pinnedQueues: ['TEST'],
        savedSearches: [{ id: 's1', name: 'My bugs', text: 'bug', mode: 'text' }],
      }),
    );
    expect(labels(commands)).toEqual([
      'Inbox',
      'Assigned to me',
      'Followed',
      'Created by me',
      'Summoned',
      'Favorites',
      'All issues',
      'Queue TEST',
      'Saved search: My bugs',
      'Sync now',
      'Open settings',
      'Switch to the light theme',
      'Switch to the dark theme',
      'Use the system theme',
      'Switch the language to English',
      'Switch the language to Russian (Русский)',
      'Use the system language',
    ]);
    expect(commands.find((c) => c.id === 'go:queue:TEST')?.action).toEqual({
      type: 'view',
      view: { kind: 'queue', queue: 'TEST' },
    });
    expect(commands.find((c) => c.id === 'go:saved:s1')?.action).toEqual({
      type: 'view',
      view: { kind: 'saved', id: 's1' },
    });
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
  });

  it('labels commands in Russian with the English label as a keyword', () => {
    const inbox = buildCommands(source('ru'))[0];
    expect(inbox?.label).toBe('Входящие');
    expect(inbox?.keywords).toEqual(['Inbox']);
  });
});

describe('filterCommands', () => {
  it('matches English labels by prefix, word and letters in order, best first', () => {
    const commands = buildCommands(source('en'));
    expect(labels(filterCommands(commands, 'sett'))).toEqual(['Open settings']);
    expect(labels(filterCommands(commands, 'dark'))).toEqual(['Switch to the dark theme']);
    expect(labels(filterCommands(commands, 'assig')).at(0)).toBe('Assigned to me');
    expect(labels(filterCommands(commands, 'inb'))).toEqual(['Inbox']);
    expect(labels(filterCommands(commands, 'zzzz'))).toEqual([]);
    // Letters in order count when nothing matches as a substring.
    expect(labels(filterCommands(commands, 'opnsttn'))).toEqual(['Open settings']);
  });

  it('matches Russian labels, with ё and е alike, and English words under Russian', () => {
    const commands = buildCommands(source('ru'));
    expect(labels(filterCommands(commands, 'настр'))).toEqual(['Открыть настройки']);
    expect(labels(filterCommands(commands, 'темн'))).toEqual(['Включить тёмную тему']);
    expect(labels(filterCommands(commands, 'inbox'))).toEqual(['Входящие']);
  });

  it('every word of the query must match', () => {
    const commands = buildCommands(source('en'));
    expect(labels(filterCommands(commands, 'theme light'))).toEqual(['Switch to the light theme']);
  });

  it('an empty query keeps everything', () => {
    const commands = buildCommands(source('en'));
    expect(filterCommands(commands, '  ')).toHaveLength(commands.length);
  });
});

describe('matchScore and normalize', () => {
  it('ranks start, word start, inside and fuzzy', () => {
    expect(matchScore('open settings', 'open')).toBe(0);
    expect(matchScore('open settings', 'sett')).toBe(1);
    expect(matchScore('open settings', 'ttings')).toBe(2);
    expect(matchScore('open settings', 'opst')).toBe(3);
    expect(matchScore('open settings', 'xyz')).toBeNull();
    expect(normalize('  Тёмная ')).toBe('темная');
  });
});

describe('parseIssueKey, loose (the palette)', () => {
  it('reads keys in several spellings', () => {
    expect(parseIssueKey('TEST-12', { loose: true })).toBe('TEST-12');
    expect(parseIssueKey('test 12', { loose: true })).toBe('TEST-12');
    expect(parseIssueKey(' test12 ', { loose: true })).toBe('TEST-12');
    expect(parseIssueKey('queue_2-7', { loose: true })).toBe('QUEUE_2-7');
  });

  it('is null for anything else', () => {
    expect(parseIssueKey('settings', { loose: true })).toBeNull();
    expect(parseIssueKey('12', { loose: true })).toBeNull();
    expect(parseIssueKey('test-12 bug', { loose: true })).toBeNull();
    expect(parseIssueKey('тест-12', { loose: true })).toBeNull();
  });
});
