import { describe, expect, it } from 'vitest';
import { issueKeyOfLink, parseIssueKey } from '../../../../../renderer/src/lib/list/issue-key.ts';

describe('issueKeyOfLink', () => {
  it('reads the key of a Tracker web link or an app link', () => {
    expect(issueKeyOfLink('https://tracker.yandex.ru/DESK-12')).toBe('DESK-12');
    expect(issueKeyOfLink(' https://tracker.yandex.com/desk-12/?focus=x#c1 ')).toBe('DESK-12');
    expect(issueKeyOfLink('tracker-desktop://issue/DESK-12')).toBe('DESK-12');
  });

  it('refuses look-alike hosts, other paths, credentials and bare keys', () => {
    for (const text of [
      'https://tracker.yandex.ru.evil.com/DESK-12',
      'https://evil.com/#https://tracker.yandex.ru/DESK-12',
      'https://user@tracker.yandex.ru/DESK-12',
      'http://tracker.yandex.ru/DESK-12',
      'https://tracker.yandex.ru/queues/DESK',
      'https://tracker.yandex.ru/DESK-12/comments',
      'https://tracker.yandex.ru/DESK-12 and more',
      'DESK-12',
    ]) {
      expect(issueKeyOfLink(text), text).toBeNull();
    }
  });
});

describe('parseIssueKey with links', () => {
  it('takes a pasted link as its key in the search box and the palette', () => {
    expect(parseIssueKey('https://tracker.yandex.ru/desk-12')).toBe('DESK-12');
    expect(parseIssueKey('tracker-desktop://issue/DESK-12', { loose: true })).toBe('DESK-12');
  });
});
