import { describe, expect, it } from 'vitest';
import {
  dateOnly,
  formatDateTime,
  localized,
  parseAttachment,
  parseBoard,
  parseChangelogEntry,
  parseComment,
  parseDateTime,
  parseDictionaryEntry,
  parseField,
  parseIssue,
  parseLink,
  parseMyself,
  parseQueue,
  parseRef,
  parseSprint,
  parseStatus,
  parseTransition,
  parseUser,
  parseWorklog,
} from '../../../../main/api/index.ts';
import { issueJson } from './helpers.ts';

const AT = Date.UTC(2017, 6, 18, 13, 33, 44, 291);

describe('parseDateTime', () => {
  it('reads the wire format with an offset without a colon', () => {
    expect(parseDateTime('2017-07-18T13:33:44.291+0000')).toBe(AT);
  });

  it('reads offsets with a colon, negative offsets, Z and no zone (UTC)', () => {
    expect(parseDateTime('2017-07-18T16:33:44.291+03:00')).toBe(AT);
    expect(parseDateTime('2017-07-18T16:33:44.291+0300')).toBe(AT);
    expect(parseDateTime('2017-07-18T08:33:44.291-0500')).toBe(AT);
    expect(parseDateTime('2017-07-18T13:33:44.291Z')).toBe(AT);
    expect(parseDateTime('2017-07-18T13:33:44.291')).toBe(AT);
    expect(parseDateTime('2017-07-18T13:33:44Z')).toBe(AT - 291);
    expect(parseDateTime('2017-07-18T13:33:44.291215444Z')).toBe(AT);
  });

  it('rejects garbage, impossible dates and non-strings instead of guessing', () => {
    for (const bad of [
      '',
      'yesterday',
      '2017-07-18',
      '2017-02-30T00:00:00Z',
      '2017-13-01T00:00:00Z',
      '2017-07-18T25:00:00Z',
      '2017-07-18T13:33:44.291+2500',
      'Tue Jul 18 2017',
      '2017-07-18T13:33:44.291+0000 trailing',
    ]) {
      expect(parseDateTime(bad), bad).toBeUndefined();
    }
    expect(parseDateTime(1500384824291)).toBeUndefined();
    expect(parseDateTime(null)).toBeUndefined();
  });

  it('formats dates back the way Tracker writes them', () => {
    expect(formatDateTime(AT)).toBe('2017-07-18T13:33:44.291+0000');
    expect(parseDateTime(formatDateTime(AT))).toBe(AT);
  });

  it('keeps plain dates as strings and validates them', () => {
    expect(dateOnly('2015-06-01')).toBe('2015-06-01');
    expect(dateOnly('2015-02-29')).toBeUndefined();
    expect(dateOnly('2015-06-01T00:00:00Z')).toBeUndefined();
  });
});

describe('localized text', () => {
  it('picks the UI language, then ru, then en, then any string', () => {
    expect(localized('Open', 'en')).toBe('Open');
    expect(localized({ ru: 'Открыт', en: 'Open' }, 'en')).toBe('Open');
    expect(localized({ ru: 'Открыт', en: 'Open' }, 'ru')).toBe('Открыт');
    expect(localized({ ru: 'Открыт' }, 'en')).toBe('Открыт');
    expect(localized({ en: 'Open' }, 'ru')).toBe('Open');
    expect(localized({ kk: 'Ашық' }, 'en')).toBe('Ашық');
    expect(localized({ ru: 5 }, 'en')).toBeUndefined();
    expect(localized(42, 'en')).toBeUndefined();
  });
});

describe('parseRef', () => {
  it('normalizes ids to strings and keeps key, display and self', () => {
    expect(
      parseRef({ self: 'https://x/v2/statuses/1', id: 1, key: 'open', display: 'Open' }, 'en'),
    ).toEqual({ id: '1', key: 'open', display: 'Open', self: 'https://x/v2/statuses/1' });
  });

  it('accepts a localized display, a key without id, and bare ids', () => {
    expect(parseRef({ id: '7', display: { ru: 'Иван', en: 'Ivan' } }, 'en')).toEqual({
      id: '7',
      display: 'Ivan',
    });
    expect(parseRef({ key: 'TREK' }, 'en')).toEqual({ id: 'TREK', key: 'TREK' });
    expect(parseRef('jdoe', 'en')).toEqual({ id: 'jdoe' });
    expect(parseRef(5317, 'en')).toEqual({ id: '5317' });
    expect(parseRef({ display: 'no id' }, 'en')).toBeUndefined();
    expect(parseRef(null, 'en')).toBeUndefined();
    expect(parseRef([{ id: 1 }], 'en')).toBeUndefined();
  });
});

describe('parseMyself / parseUser', () => {
  const user = {
    self: 'https://api.tracker.yandex.net/v2/users/1234567890',
    uid: 1234567890,
    login: 'jdoe',
    trackerUid: 1234567890,
    passportUid: 1234567890,
    cloudUid: 'bfbdrb1aa248v8n5vkcq',
    firstName: 'Ivan',
    lastName: 'Ivanov',
    display: 'Ivan Ivanov',
    email: 'jdoe@example.com',
    external: false,
    hasLicense: true,
    dismissed: false,
    welcomeMailSent: true,
  };

  it('accepts an object and a one-element array alike', () => {
    const fromObject = parseMyself(user, 'en');
    const fromArray = parseMyself([user], 'en');
    expect(fromObject).toEqual(fromArray);
    expect(fromObject).toMatchObject({
      id: '1234567890',
      uid: '1234567890',
      login: 'jdoe',
      display: 'Ivan Ivanov',
      hasLicense: true,
    });
    expect(fromObject?.raw.welcomeMailSent).toBe(true);
  });

  it('falls back to id, then login, for the identity; wrong types become undefined', () => {
    expect(parseUser({ id: 'veikus' }, 'en')?.id).toBe('veikus');
    expect(parseUser({ login: 'jdoe' }, 'en')?.id).toBe('jdoe');
    const odd = parseUser({ uid: 1, hasLicense: 'yes', email: 5, display: { en: 'X' } }, 'ru');
    expect(odd).toMatchObject({ id: '1', display: 'X' });
    expect(odd?.hasLicense).toBeUndefined();
    expect(odd?.email).toBeUndefined();
    expect(parseMyself([], 'en')).toBeUndefined();
    expect(parseMyself('nope', 'en')).toBeUndefined();
  });
});

describe('parseIssue', () => {
  const wire = {
    self: 'https://api.tracker.yandex.net/v2/issues/TREK-9844',
    id: '593cd211ef7e8a332414f2a7',
    key: 'TREK-9844',
    version: 7,
    summary: 'subtask',
    aliases: ['JUNE-3'],
    parent: {
      self: '…/issues/JUNE-2',
      id: '593cd0acef7e8a332414f28e',
      key: 'JUNE-2',
      display: 'Task',
    },
    queue: { self: '…/queues/TREK', id: '111', key: 'TREK', display: 'Startrek' },
    status: { self: '…/statuses/1', id: '1', key: 'open', display: { ru: 'Открыт', en: 'Open' } },
    assignee: { self: '…/users/1120000000049224', id: '1120000000049224', display: 'Ivan Ivanov' },
    followers: [{ id: '1', display: 'A' }, 'junk-but-a-login', { display: 'no id' }],
    sprint: [{ self: '…/sprints/5317', id: '5317', display: 'sprint1' }],
    createdAt: '2017-06-11T05:16:01.339+0000',
    updatedAt: '2017-07-18T13:33:44.291+0000',
    deadline: '2017-08-01',
    votes: 0,
    favorite: false,
    '6054ae3a2b6b2c7f80bb9a93--loc_field_key': 'local value',
    customField: { nested: [1, 2] },
  };

  it('normalizes references, dates and keeps unknown fields in extra and raw', () => {
    const issue = parseIssue(wire, 'en');
    expect(issue).toMatchObject({
      id: '593cd211ef7e8a332414f2a7',
      key: 'TREK-9844',
      version: 7,
      aliases: ['JUNE-3'],
      parent: { id: '593cd0acef7e8a332414f28e', key: 'JUNE-2' },
      queue: { id: '111', key: 'TREK', display: 'Startrek' },
      status: { id: '1', key: 'open', display: 'Open' },
      createdAt: Date.UTC(2017, 5, 11, 5, 16, 1, 339),
      updatedAt: AT,
      deadline: '2017-08-01',
      votes: 0,
      favorite: false,
    });
    expect(issue?.followers.map((f) => f.id)).toEqual(['1', 'junk-but-a-login']);
    expect(issue?.sprint).toEqual([{ id: '5317', display: 'sprint1', self: '…/sprints/5317' }]);
    expect(issue?.extra).toEqual({
      '6054ae3a2b6b2c7f80bb9a93--loc_field_key': 'local value',
      customField: { nested: [1, 2] },
    });
    expect(issue?.raw).toBe(wire);
    expect(issue?.tags).toEqual([]);
  });

  it('tolerates missing and wrongly typed fields', () => {
    const issue = parseIssue(
      {
        key: 'A-1',
        version: 'seven',
        summary: 12,
        status: 'weird',
        assignee: ['x'],
        followers: 'nobody',
        createdAt: 'not a date',
        transitions: {},
        tags: ['a', 1, 'b'],
      },
      'en',
    );
    expect(issue).toMatchObject({ id: 'A-1', key: 'A-1', tags: ['a', 'b'], followers: [] });
    expect(issue?.version).toBeUndefined();
    expect(issue?.summary).toBeUndefined();
    expect(issue?.status).toEqual({ id: 'weird' });
    expect(issue?.assignee).toBeUndefined();
    expect(issue?.createdAt).toBeUndefined();
    expect(issue?.transitions).toBeUndefined();
    expect(parseIssue({ summary: 'no identity' }, 'en')).toBeUndefined();
    expect(parseIssue([wire], 'en')).toBeUndefined();
  });

  it('parses expanded transitions and attachments', () => {
    const issue = parseIssue(
      {
        key: 'A-1',
        transitions: [{ id: 'close', display: 'Close', to: { id: 3, key: 'closed' } }],
        attachments: [{ id: 4159, name: 'a.txt', size: '1234', mimetype: 'text/plain' }],
      },
      'en',
    );
    expect(issue?.transitions?.[0]).toMatchObject({ id: 'close', to: { id: '3', key: 'closed' } });
    expect(issue?.attachments?.[0]).toMatchObject({ id: '4159', name: 'a.txt', size: 1234 });
  });

  it('parses 10,000 issues in well under a second', () => {
    const issues = Array.from({ length: 10_000 }, (_, n) =>
      issueJson(n, {
        version: n,
        status: { self: 's', id: '1', key: 'open', display: 'Open' },
        assignee: { self: 'u', id: String(n), display: 'User' },
        queue: { self: 'q', id: 3, key: 'TEST', display: 'Test' },
        createdAt: '2017-06-11T05:16:01.339+0000',
        updatedAt: '2017-07-18T13:33:44.291+0000',
        followers: [{ id: '1', display: 'A' }],
        customField: 'x',
      }),
    );
    const started = performance.now();
    const parsed = issues.map((issue) => parseIssue(issue, 'en'));
    const elapsed = performance.now() - started;
    expect(parsed.every((issue) => issue !== undefined)).toBe(true);
    expect(elapsed).toBeLessThan(500);
  });
});

describe('other entities', () => {
  it('queue ids flip between number and string', () => {
    expect(parseQueue({ id: 3, key: 'TEST', name: 'Test' }, 'en')).toMatchObject({ id: '3' });
    expect(parseQueue({ id: '3', key: 'TEST' }, 'en')?.id).toBe('3');
    expect(parseQueue({ key: 'TEST' }, 'en')?.id).toBe('TEST');
  });

  it('dictionary entries with localized names', () => {
    const priority = parseDictionaryEntry(
      {
        id: 5,
        key: 'blocker',
        version: 1341632717561,
        name: { ru: 'Блокер', en: 'Blocker' },
        order: 5,
      },
      'ru',
    );
    expect(priority).toMatchObject({ id: '5', key: 'blocker', name: 'Блокер', order: 5 });
    expect(parseStatus({ id: 1, key: 'open', name: 'Open', type: 'new' }, 'en')?.type).toBe('new');
  });

  it('comments: numeric id, hex longId', () => {
    const comment = parseComment(
      {
        id: 9849018,
        longId: '5fa15a24ac894475dd14ff07',
        text: 'Comment **one.**',
        createdBy: { id: '1', display: 'A' },
        createdAt: '2017-06-11T05:11:12.347+0000',
        attachments: [{ id: '1', display: 'a.png' }],
      },
      'en',
    );
    expect(comment).toMatchObject({ id: '9849018', longId: '5fa15a24ac894475dd14ff07' });
    expect(comment?.attachments).toEqual([{ id: '1', display: 'a.png' }]);
    expect(parseComment({ longId: 'abc' }, 'en')?.id).toBe('abc');
  });

  it('changelog, links, worklog, transitions, attachments, boards, sprints, fields', () => {
    expect(
      parseChangelogEntry(
        {
          id: '6033f98d4417c101b655b93b',
          type: 'IssueUpdated',
          updatedAt: '2021-02-22T18:35:57.359+0000',
          fields: [
            { field: { id: 'followers', display: 'Followers' }, from: null, to: [{ id: 1 }] },
            'junk',
          ],
        },
        'en',
      )?.fields,
    ).toEqual([{ field: { id: 'followers', display: 'Followers' }, from: null, to: [{ id: 1 }] }]);
    expect(
      parseLink(
        {
          id: 47,
          type: { id: 'subtask', inward: 'Subissue', outward: 'Parent issue' },
          direction: 'outward',
          object: { id: 'x', key: 'TREK-9844', display: 'subtask' },
        },
        'en',
      ),
    ).toMatchObject({
      id: '47',
      type: { id: 'subtask', inward: 'Subissue' },
      object: { key: 'TREK-9844' },
    });
    expect(
      parseWorklog({ id: 1, start: '2021-09-21T10:30:00.000+0000', duration: 'P1WT20M' }, 'en'),
    ).toMatchObject({ id: '1', start: Date.UTC(2021, 8, 21, 10, 30), duration: 'P1WT20M' });
    expect(parseTransition({ id: 'resolve', display: { en: 'Resolve' } }, 'en')?.display).toBe(
      'Resolve',
    );
    expect(parseAttachment({ id: '4159', metadata: 'x' }, 'en')?.metadata).toBeUndefined();
    expect(
      parseBoard({ id: 1, name: 'B', columns: [{ id: '13', display: 'Open' }] }, 'en')?.columns,
    ).toEqual([{ id: '13', display: 'Open' }]);
    expect(
      parseSprint(
        { id: 44, startDate: '2015-06-01', endDate: '2015-06-14', status: 'in_progress' },
        'en',
      ),
    ).toMatchObject({ id: '44', startDate: '2015-06-01', endDate: '2015-06-14' });
    expect(
      parseField(
        {
          id: 'tags',
          key: 'tags',
          name: 'Tags',
          schema: { type: 'array', items: 'string', required: false },
        },
        'en',
      ),
    ).toMatchObject({ id: 'tags', schemaType: 'array', schemaItems: 'string', required: false });
  });
});
