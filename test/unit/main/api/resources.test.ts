import { describe, expect, it } from 'vitest';
import { type Call, json, makeClient, text } from './helpers.ts';

const ISSUE = { id: '593cd211ef7e8a332414f2a7', key: 'A-1', version: 3, summary: 'x' };

/** Answers by `METHOD /path` and records the calls. */
function routes(table: Record<string, (call: Call) => Response>) {
  return (call: Call) => {
    const route = table[`${call.method} ${call.url.pathname}`];
    return route ? route(call) : text('no route', 404);
  };
}

describe('users and queues', () => {
  it('myself as a one-element array, users get, queue get with expand, fields', async () => {
    const { client, calls } = makeClient(
      routes({
        'GET /v3/myself': () => json([{ uid: 11, login: 'me', display: { ru: 'Я', en: 'Me' } }]),
        'GET /v3/users/jdoe': () => json({ uid: 12, login: 'jdoe' }),
        'GET /v3/queues/TEST': () => json({ id: '3', key: 'TEST', name: 'Test' }),
        'GET /v3/queues/TEST/fields': () => json([{ id: 'summary', name: 'Summary' }]),
        'GET /v3/queues/TEST/localFields': () =>
          json([{ id: 'abc--loc', key: 'loc', type: 'local', queue: { id: '3', key: 'TEST' } }]),
      }),
      { language: () => 'en' },
    );
    expect(await client.myself()).toMatchObject({ id: '11', login: 'me', display: 'Me' });
    expect(await client.users.get('jdoe')).toMatchObject({ id: '12' });
    expect(await client.queues.get('TEST', { expand: ['all'] })).toMatchObject({ id: '3' });
    expect(calls[2]?.url.search).toBe('?expand=all');
    expect(await client.queues.fields('TEST')).toMatchObject([{ id: 'summary' }]);
    expect(await client.queues.localFields('TEST')).toMatchObject([
      { id: 'abc--loc', type: 'local', queue: { key: 'TEST' } },
    ]);
  });
});

describe('issues', () => {
  it('get with expand, update with version, move', async () => {
    const { client, calls } = makeClient(
      routes({
        'GET /v3/issues/A-1': () => json(ISSUE),
        'PATCH /v3/issues/A-1': () => json({ ...ISSUE, version: 4 }),
        'POST /v3/issues/A-1/_move': () => json({ ...ISSUE, key: 'B-1', aliases: ['A-1'] }),
      }),
    );
    await client.issues.get('A-1', { expand: ['transitions', 'attachments'] });
    expect(calls[0]?.url.search).toBe('?expand=transitions%2Cattachments');
    const updated = await client.issues.update(
      'A-1',
      { summary: 'New', followers: { add: ['u1'] } },
      { version: 3 },
    );
    expect(updated.version).toBe(4);
    expect(calls[1]?.url.search).toBe('?version=3');
    expect(calls[1]?.json).toEqual({ summary: 'New', followers: { add: ['u1'] } });
    const moved = await client.issues.move('A-1', 'B', { notify: false });
    expect(moved).toMatchObject({ key: 'B-1', aliases: ['A-1'] });
    expect(calls[2]?.url.search).toBe('?queue=B&notify=false');
  });

  it('count reads a bare number', async () => {
    const { client, calls } = makeClient(() => text('5221186'));
    expect(await client.issues.count({ filter: { queue: 'A' } })).toBe(5_221_186);
    expect(calls[0]?.json).toEqual({ filter: { queue: 'A' } });
  });

  it('findByUnique: the issue, or undefined when none', async () => {
    const found = makeClient(() => json([ISSUE]));
    expect((await found.client.issues.findByUnique('u1'))?.key).toBe('A-1');
    const none = makeClient(() => json(null));
    expect(await none.client.issues.findByUnique('u1')).toBeUndefined();
  });
});

describe('comments, transitions, links, worklog', () => {
  it('comment create, edit, delete', async () => {
    const { client, calls } = makeClient(
      routes({
        'POST /v3/issues/A-1/comments': () => json({ id: 1, text: 'hi' }, 201),
        'PATCH /v3/issues/A-1/comments/1': () => json({ id: 1, text: 'edited', version: 2 }),
        'DELETE /v3/issues/A-1/comments/1': () => new Response(null, { status: 204 }),
      }),
    );
    expect(
      await client.comments.create(
        'A-1',
        { text: 'hi', summonees: ['jdoe'] },
        { isAddToFollowers: false },
      ),
    ).toMatchObject({ id: '1', text: 'hi' });
    expect(calls[0]?.url.search).toBe('?isAddToFollowers=false');
    expect(calls[0]?.json).toEqual({ text: 'hi', summonees: ['jdoe'] });
    expect(await client.comments.edit('A-1', 1, { text: 'edited' })).toMatchObject({ version: 2 });
    await expect(client.comments.delete('A-1', 1)).resolves.toBeUndefined();
  });

  it('transitions list and execute (returns the new transitions)', async () => {
    const { client, calls } = makeClient(
      routes({
        'GET /v3/issues/A-1/transitions': () =>
          json([{ id: 'resolve', display: 'Resolve', to: { id: '3', key: 'resolved' } }]),
        'POST /v3/issues/A-1/transitions/resolve/_execute': () => json([{ id: 'reopen' }]),
      }),
    );
    expect(await client.transitions.list('A-1')).toMatchObject([
      { id: 'resolve', to: { key: 'resolved' } },
    ]);
    expect(
      await client.transitions.execute('A-1', 'resolve', { resolution: 'fixed', comment: 'Done' }),
    ).toMatchObject([{ id: 'reopen' }]);
    expect(calls[1]?.json).toEqual({ resolution: 'fixed', comment: 'Done' });
  });

  it('links create/delete and worklog create/edit/delete', async () => {
    const { client, calls } = makeClient(
      routes({
        'POST /v3/issues/A-1/links': () => json({ id: 47, direction: 'outward' }, 201),
        'DELETE /v3/issues/A-1/links/47': () => new Response(null, { status: 204 }),
        'POST /v3/issues/A-1/worklog': () => json({ id: 1, duration: 'PT1H' }, 201),
        'PATCH /v3/issues/A-1/worklog/1': () => json({ id: 1, duration: 'PT2H' }),
        'DELETE /v3/issues/A-1/worklog/1': () => new Response(null, { status: 204 }),
      }),
    );
    expect(
      await client.links.create('A-1', { relationship: 'relates', issue: 'B-2' }),
    ).toMatchObject({
      id: '47',
    });
    await client.links.delete('A-1', 47);
    await client.worklog.create('A-1', {
      start: Date.UTC(2021, 8, 21, 10, 30),
      duration: 'PT1H',
      comment: 'work',
    });
    expect(calls[2]?.json).toEqual({
      start: '2021-09-21T10:30:00.000+0000',
      duration: 'PT1H',
      comment: 'work',
    });
    expect(await client.worklog.edit('A-1', 1, { duration: 'PT2H' })).toMatchObject({
      duration: 'PT2H',
    });
    await client.worklog.delete('A-1', 1);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'DELETE', 'POST', 'PATCH', 'DELETE']);
  });
});

describe('attachments', () => {
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);

  it('downloads bytes with content type and the server-given name', async () => {
    const { client, calls } = makeClient(
      () =>
        new Response(bytes, {
          headers: {
            'content-type': 'image/png',
            'content-length': '8',
            'content-disposition': `attachment; filename="x.png"; filename*=UTF-8''%D1%84%D0%BE%D1%82%D0%BE.png`,
          },
        }),
    );
    const file = await client.attachments.downloadBytes({
      issue: 'A-1',
      id: 4159,
      name: 'фото.png',
    });
    expect(file).toMatchObject({ contentType: 'image/png', name: 'фото.png', size: 8 });
    expect([...file.bytes]).toEqual([...bytes]);
    expect(calls[0]?.url.pathname).toBe(
      '/v3/issues/A-1/attachments/4159/%D1%84%D0%BE%D1%82%D0%BE.png',
    );
    expect(calls[0]?.headers.get('accept')).toBe('*/*');
  });

  it('streams from a content URL, on the configured host, naming from the URL', async () => {
    const { client, calls } = makeClient(() => new Response(bytes));
    const file = await client.attachments.downloadStream({
      url: 'https://api.tracker.yandex.net/v3/issues/A-1/attachments/1/report%20final.pdf',
    });
    expect(file.name).toBe('report final.pdf');
    expect(file.contentType).toBe('application/octet-stream');
    const read = new Uint8Array(await new Response(file.stream).arrayBuffer());
    expect([...read]).toEqual([...bytes]);
    expect(calls[0]?.url.host).toBe('tracker.test');
  });

  it('uploads multipart to an issue and as a temporary file', async () => {
    const { client, calls } = makeClient((call) =>
      json(
        { id: call.url.pathname.startsWith('/v3/attachments') ? '55' : '4160', name: 'a.txt' },
        201,
      ),
    );
    const attached = await client.attachments.upload('A-1', {
      data: new TextEncoder().encode('hello'),
      name: 'a.txt',
      contentType: 'text/plain',
    });
    expect(attached.id).toBe('4160');
    const temp = await client.attachments.uploadTemporary({ data: new Blob(['x']), name: 'b.bin' });
    expect(temp.id).toBe('55');
    expect(calls.map((c) => `${c.method} ${c.url.pathname}${c.url.search}`)).toEqual([
      'POST /v3/issues/A-1/attachments/?filename=a.txt',
      'POST /v3/attachments/?filename=b.bin',
    ]);
    const form = calls[0]?.body as FormData;
    const part = form.get('file') as File;
    expect(part.name).toBe('a.txt');
    expect(await part.text()).toBe('hello');
    expect(calls[0]?.headers.has('content-type')).toBe(false);
  });

  it('lists and deletes', async () => {
    const { client } = makeClient(
      routes({
        'GET /v3/issues/A-1/attachments': () => json([{ id: '1', name: 'a' }]),
        'DELETE /v3/issues/A-1/attachments/1': () => new Response(null, { status: 204 }),
      }),
    );
    expect(await client.attachments.list('A-1')).toMatchObject([{ id: '1' }]);
    await expect(client.attachments.delete('A-1', '1')).resolves.toBeUndefined();
  });
});

describe('dictionaries, boards, sprints, filters', () => {
  it('reads every dictionary', async () => {
    const { client, calls } = makeClient(
      routes({
        'GET /v3/statuses': () => json([{ id: 1, key: 'open', name: 'Open', type: 'new' }]),
        'GET /v3/priorities': () =>
          json([{ id: 5, key: 'blocker', name: { ru: 'Блокер', en: 'Blocker' } }]),
        'GET /v3/issuetypes': () => json([{ id: 1, key: 'bug', name: 'Bug' }]),
        'GET /v3/resolutions': () => json([{ id: 1, key: 'fixed', name: 'Fixed' }]),
        'GET /v3/linktypes': () => json([{ id: 'relates', inward: 'Relates', outward: 'Relates' }]),
        'GET /v3/fields': () => json([{ id: 'tags', name: 'Tags' }]),
      }),
    );
    expect(await client.dictionaries.statuses()).toMatchObject([{ id: '1', type: 'new' }]);
    expect(await client.dictionaries.priorities({ localized: false })).toMatchObject([
      { name: 'Блокер' },
    ]);
    expect(calls[1]?.url.search).toBe('?localized=false');
    expect(await client.dictionaries.issueTypes()).toMatchObject([{ key: 'bug' }]);
    expect(await client.dictionaries.resolutions()).toMatchObject([{ key: 'fixed' }]);
    expect(await client.dictionaries.linkTypes()).toMatchObject([{ id: 'relates' }]);
    expect(await client.dictionaries.fields()).toMatchObject([{ id: 'tags' }]);
  });

  it('boards, columns, sprints, saved filters', async () => {
    const { client } = makeClient(
      routes({
        'GET /v3/boards': () => json([{ id: 1, name: 'Board' }]),
        'GET /v3/boards/1': () =>
          json({ id: 1, name: 'Board', columns: [{ id: '13', display: 'Open' }] }),
        'GET /v3/boards/1/columns': () =>
          json([{ id: 13, name: 'Open', statuses: [{ id: '1', key: 'open' }] }]),
        'GET /v3/boards/1/sprints': () => json([{ id: 44, name: 'S', startDate: '2015-06-01' }]),
        'GET /v3/sprints/44': () => json({ id: 44, name: 'S', status: 'in_progress' }),
        'GET /v3/filters/77': () => json({ id: 77, name: 'Mine', query: 'Assignee: me()' }),
      }),
    );
    expect(await client.boards.list()).toMatchObject([{ id: '1' }]);
    expect((await client.boards.get(1)).columns).toEqual([{ id: '13', display: 'Open' }]);
    expect(await client.boards.columns(1)).toMatchObject([
      { id: '13', statuses: [{ key: 'open' }] },
    ]);
    expect(await client.boards.sprints(1)).toMatchObject([{ id: '44', startDate: '2015-06-01' }]);
    expect(await client.sprints.get(44)).toMatchObject({ status: 'in_progress' });
    expect(await client.filters.get(77)).toMatchObject({ query: 'Assignee: me()' });
  });
});
