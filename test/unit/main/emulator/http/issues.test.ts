/**
 * Issues over HTTP: get by key/alias/id, create (201, unique → 409 → _findByUnique), optimistic
 * PATCH by `?version=` and `If-Match`, status only through transitions, move, expand; plus the wire
 * format of dates, ids and names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import {
  at,
  client,
  emulatorOptions,
  expectError,
  list,
  manualClock,
  obj,
  TRACKER_DATE,
  type Call,
  type ManualClock,
} from './client.ts';

let emulator: Emulator;
let call: Call;
let clock: ManualClock;

beforeAll(async () => {
  clock = manualClock();
  emulator = await startEmulator(emulatorOptions(clock));
  call = client(emulator);
});
afterAll(() => emulator.close());

async function create(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reply = await call('/issues', { method: 'POST', body });
  expect(reply.status, reply.text).toBe(201);
  return obj(reply.body);
}

describe('get', () => {
  it('gets an issue by key and by 24-hex id', async () => {
    const record = emulator.store.allIssues()[12];
    const byKey = obj((await call(`/issues/${record?.key ?? ''}`)).body);
    expect(byKey.key).toBe(record?.key);
    expect(byKey.id).toBe(record?.id);
    expect(byKey.id).toMatch(/^[0-9a-f]{24}$/);
    expect(byKey.version).toBe(record?.version);
    const byId = await call(`/issues/${record?.id ?? ''}`);
    expect(obj(byId.body).key).toBe(record?.key);
  });

  it('gets a moved issue by its old key (alias)', async () => {
    const issue = await create({ queue: 'DESK', summary: 'To be moved' });
    const oldKey = String(issue.key);
    const moved = await call(`/issues/${oldKey}/_move?queue=WEB`, { method: 'POST' });
    expect(moved.status, moved.text).toBe(200);
    const newKey = String(obj(moved.body).key);
    expect(newKey).toMatch(/^WEB-\d+$/);
    expect(obj(moved.body).aliases).toEqual([oldKey]);
    expect(at(moved.body, 'queue', 'key')).toBe('WEB');
    const viaAlias = obj((await call(`/issues/${oldKey}`)).body);
    expect(viaAlias.key).toBe(newKey);
    expect(viaAlias.self).toBe(`${emulator.apiBase}/v3/issues/${newKey}`);
    expectError(await call(`/issues/${newKey}/_move`, { method: 'POST' }), 400);
    expectError(await call(`/issues/${newKey}/_move?queue=NOSUCH`, { method: 'POST' }), 422);
  });

  it('expands transitions and attachments on request only', async () => {
    const record = emulator.store
      .allIssues()
      .find((i) => emulator.store.attachments(i.key).length > 0);
    const key = record?.key ?? '';
    const plain = obj((await call(`/issues/${key}`)).body);
    expect(plain).not.toHaveProperty('transitions');
    expect(plain).not.toHaveProperty('attachments');
    const full = obj((await call(`/issues/${key}?expand=transitions,attachments`)).body);
    const transitions = list(full.transitions);
    expect(transitions.map((t) => t.id)).toEqual(emulator.store.transitions(key).map((t) => t.id));
    for (const t of transitions) {
      expect(t.self).toBe(`${emulator.apiBase}/v3/issues/${key}/transitions/${String(t.id)}`);
      expect(at(t, 'to', 'key')).toBeTypeOf('string');
    }
    const files = list(full.attachments);
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.id)).toEqual(
      emulator.store.attachments(key).map((a) => String(a.id)),
    );
    const onlyTransitions = obj((await call(`/issues/${key}?expand=transitions`)).body);
    expect(onlyTransitions).toHaveProperty('transitions');
    expect(onlyTransitions).not.toHaveProperty('attachments');
  });
});

describe('create', () => {
  it('answers 201 with version and the workflow initial status', async () => {
    for (const queue of ['DESK', 'INFRA', 'SUPPORT']) {
      const body = await create({ queue, summary: `New in ${queue}`, type: 'bug' });
      const workflow = emulator.store.workflowOfQueue(queue);
      expect(at(body, 'status', 'key')).toBe(workflow?.initialStatus);
      expect(body.version).toBeTypeOf('number');
      expect(body.key).toMatch(new RegExp(`^${queue}-\\d+$`));
      expect(at(body, 'createdBy', 'id')).toBe(String(emulator.store.demoUid));
      expect(body.createdAt).toBe(new Date(clock.now).toISOString().replace('Z', '+0000'));
      expect(at(body, 'type', 'key')).toBe('bug');
      const stored = emulator.store.getIssue(String(body.key));
      expect(stored?.version).toBe(body.version);
    }
  });

  it('accepts the queue as an object or id and refuses a missing summary or queue', async () => {
    const queue = emulator.store.queue('DOCS');
    const byObject = await create({ queue: { key: 'DOCS' }, summary: 'By object' });
    expect(at(byObject, 'queue', 'key')).toBe('DOCS');
    const byId = await create({ queue: queue?.id, summary: 'By id' });
    expect(at(byId, 'queue', 'key')).toBe('DOCS');
    expectError(await call('/issues', { method: 'POST', body: { queue: 'DOCS' } }), 400);
    expectError(await call('/issues', { method: 'POST', body: { summary: 'no queue' } }), 400);
  });

  it('is idempotent on unique: 409, then _findByUnique returns the first issue', async () => {
    const unique = `unique-${clock.now}-a`;
    const first = await create({ queue: 'DESK', summary: 'Once only', unique });
    const count = emulator.store.allIssues().length;
    const again = await call('/issues', {
      method: 'POST',
      body: { queue: 'DESK', summary: 'Once only (retry)', unique },
    });
    expectError(again, 409);
    expect(emulator.store.allIssues().length).toBe(count);
    const found = await call(`/issues/_findByUnique?unique=${encodeURIComponent(unique)}`, {
      method: 'POST',
    });
    expect(found.status).toBe(200);
    expect(obj(found.body).key).toBe(first.key);
    expect(obj(found.body).summary).toBe('Once only');
    expectError(await call('/issues/_findByUnique?unique=never-used', { method: 'POST' }), 404);
    expectError(await call('/issues/_findByUnique', { method: 'POST' }), 400);
  });
});

describe('patch', () => {
  it('refuses a stale ?version= with 409 and leaves the issue alone', async () => {
    const issue = await create({ queue: 'DESK', summary: 'Versioned' });
    const key = String(issue.key);
    const version = Number(issue.version);
    const stale = await call(`/issues/${key}?version=${version - 1}`, {
      method: 'PATCH',
      body: { summary: 'Stale write' },
    });
    expectError(stale, 409);
    expect(emulator.store.getIssue(key)?.summary).toBe('Versioned');
    expect(emulator.store.getIssue(key)?.version).toBe(version);
  });

  it('refuses a stale If-Match with 409', async () => {
    const issue = await create({ queue: 'DESK', summary: 'Python client' });
    const key = String(issue.key);
    const version = Number(issue.version);
    for (const header of [`"${version + 5}"`, `W/"${version - 1}"`]) {
      const reply = await call(`/issues/${key}`, {
        method: 'PATCH',
        body: { summary: 'Stale' },
        headers: { 'If-Match': header },
      });
      expectError(reply, 409);
    }
    const ok = await call(`/issues/${key}`, {
      method: 'PATCH',
      body: { summary: 'Fresh' },
      headers: { 'If-Match': `"${version}"` },
    });
    expect(ok.status).toBe(200);
    expect(obj(ok.body).version).toBe(version + 1);
  });

  it('applies a patch at the current version, bumping version by one', async () => {
    const issue = await create({ queue: 'DESK', summary: 'Before' });
    const key = String(issue.key);
    const version = Number(issue.version);
    clock.now += 60_000;
    const reply = await call(`/issues/${key}?version=${version}`, {
      method: 'PATCH',
      body: {
        summary: 'After',
        priority: { key: 'critical' },
        followers: { add: ['ivan.petrov'] },
      },
    });
    expect(reply.status, reply.text).toBe(200);
    const body = obj(reply.body);
    expect(body.version).toBe(version + 1);
    expect(body.summary).toBe('After');
    expect(at(body, 'priority', 'key')).toBe('critical');
    expect(list(body.followers).map((f) => f.id)).toContain(
      String(emulator.store.user('ivan.petrov')?.uid),
    );
    expect(body.updatedAt).toBe(new Date(clock.now).toISOString().replace('Z', '+0000'));
    // Without a version the write is unconditional.
    const next = await call(`/issues/${key}`, { method: 'PATCH', body: { summary: 'Again' } });
    expect(obj(next.body).version).toBe(version + 2);
    expectError(
      await call(`/issues/${key}?version=abc`, { method: 'PATCH', body: { summary: 'x' } }),
      400,
    );
  });

  it('refuses to change status by PATCH (422): only transitions do', async () => {
    const issue = await create({ queue: 'DESK', summary: 'Status by patch' });
    const key = String(issue.key);
    const reply = await call(`/issues/${key}`, {
      method: 'PATCH',
      body: { status: 'closed' },
    });
    expectError(reply, 422);
    expect(emulator.store.getIssue(key)?.statusKey).toBe('open');
    expect(emulator.store.getIssue(key)?.version).toBe(issue.version);
  });

  it('answers 404 for an unknown issue', async () => {
    expectError(await call('/issues/NOPE-1', { method: 'PATCH', body: { summary: 'x' } }), 404);
  });
});

describe('wire format', () => {
  it('writes every date as yyyy-mm-ddThh:mm:ss.sss+0000', async () => {
    const record = emulator.store.allIssues().find((i) => i.lastCommentUpdatedAt !== null);
    const text = (await call(`/issues/${record?.key ?? ''}`)).text;
    const dates = [...text.matchAll(/"(\w+At)":"([^"]*)"/g)];
    expect(dates.map((m) => m[1])).toEqual(
      expect.arrayContaining(['createdAt', 'updatedAt', 'lastCommentUpdatedAt']),
    );
    for (const [, , value] of dates) expect(value).toMatch(TRACKER_DATE);
    const comments = (await call(`/issues/${record?.key ?? ''}/comments`)).text;
    for (const [, , value] of comments.matchAll(/"(\w+At)":"([^"]*)"/g)) {
      expect(value).toMatch(TRACKER_DATE);
    }
    const myself = obj((await call('/myself')).body);
    expect(myself.self).toBe(`${emulator.apiBase}/v3/users/${emulator.store.demoUid}`);
  });

  it('types queue ids as numbers in the list and strings in a single get', async () => {
    const queues = list((await call('/queues')).body);
    expect(queues.length).toBe(emulator.store.queues().length);
    for (const queue of queues) expect(queue.id).toBeTypeOf('number');
    const one = obj((await call('/queues/DESK')).body);
    expect(one.id).toBe(String(emulator.store.queue('DESK')?.id));
    expect(one.key).toBe('DESK');
    // Keys are case-sensitive.
    expectError(await call('/queues/desk'), 404);
  });

  it('types status and priority ids as numbers in their lists, strings in references', async () => {
    for (const path of ['/statuses', '/priorities', '/issuetypes', '/resolutions']) {
      const items = list((await call(path)).body);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item.id, path).toBeTypeOf('number');
    }
    const issue = obj((await call('/issues/DESK-1')).body);
    for (const ref of ['status', 'priority', 'type', 'queue', 'createdBy']) {
      expect(at(issue, ref, 'id'), ref).toBeTypeOf('string');
      expect(String(at(issue, ref, 'self'))).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\//);
    }
    const status = emulator.store.status(String(at(issue, 'status', 'key')));
    expect(at(issue, 'status', 'id')).toBe(String(status?.id));
  });

  it('types comment ids as a number plus a 24-hex longId string', async () => {
    const record = emulator.store.allIssues().find((i) => emulator.store.comments(i.key).length);
    const comments = list((await call(`/issues/${record?.key ?? ''}/comments`)).body);
    expect(comments.length).toBeGreaterThan(0);
    for (const comment of comments) {
      expect(comment.id).toBeTypeOf('number');
      expect(comment.longId).toMatch(/^[0-9a-f]{24}$/);
    }
  });

  it('gives {ru, en} names with localized=false and Russian names for Accept-Language: ru', async () => {
    const open = emulator.store.status('open');
    const all = list((await call('/statuses?localized=false')).body);
    expect(all.find((s) => s.key === 'open')?.name).toEqual({
      ru: open?.name.ru,
      en: open?.name.en,
    });
    const ru = list((await call('/statuses', { headers: { 'Accept-Language': 'ru' } })).body);
    expect(ru.find((s) => s.key === 'open')?.name).toBe(open?.name.ru);
    const en = list((await call('/statuses', { headers: { 'Accept-Language': 'en-US' } })).body);
    expect(en.find((s) => s.key === 'open')?.name).toBe(open?.name.en);
    expect(open?.name.ru).not.toBe(open?.name.en);
    // References inside an issue follow the same rule.
    const issue = obj(
      (await call('/issues/DESK-1?localized=false', { headers: { 'Accept-Language': 'ru' } })).body,
    );
    const display = at(issue, 'status', 'display');
    expect(display).toEqual({
      ru: emulator.store.status(String(at(issue, 'status', 'key')))?.name.ru,
      en: emulator.store.status(String(at(issue, 'status', 'key')))?.name.en,
    });
    const ruIssue = obj(
      (await call('/issues/DESK-1', { headers: { 'Accept-Language': 'ru-RU,ru;q=0.9' } })).body,
    );
    expect(at(ruIssue, 'status', 'display')).toBe(
      emulator.store.status(String(at(issue, 'status', 'key')))?.name.ru,
    );
  });
});
