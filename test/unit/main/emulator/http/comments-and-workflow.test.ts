/**
 * Comments (cursor pagination, create/edit/delete), transitions along the workflow, and the
 * changelog (cursor pagination, `type=` filter).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import {
  at,
  client,
  emulatorOptions,
  expectClientError,
  expectError,
  links,
  list,
  manualClock,
  obj,
  TRACKER_DATE,
  type Call,
  type ManualClock,
  type Reply,
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

async function freshIssue(queue = 'DESK'): Promise<string> {
  const reply = await call('/issues', { method: 'POST', body: { queue, summary: 'Workflow' } });
  expect(reply.status).toBe(201);
  return String(obj(reply.body).key);
}

const wireDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

/** Follows rel="next" from `path`, checking that no page carries totals or a seek link. */
async function walk(path: string): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  let reply: Reply = await call(path);
  const items = list(reply.body);
  let pages = 1;
  for (;;) {
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('x-total-count')).toBeNull();
    expect(reply.headers.get('x-total-pages')).toBeNull();
    expect(links(reply).has('seek')).toBe(false);
    const next = links(reply).get('next');
    if (!next) break;
    reply = await call(next);
    items.push(...list(reply.body));
    pages++;
  }
  return { items, pages };
}

describe('comments', () => {
  it('pages with perPage and id=<last>, with only first/next links and no totals', async () => {
    const record = emulator.store
      .allIssues()
      .reduce((best, i) =>
        emulator.store.comments(i.key).length > emulator.store.comments(best.key).length ? i : best,
      );
    const all = emulator.store.comments(record.key);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await call(`/issues/${record.key}/comments?perPage=2`);
    expect(list(first.body).map((c) => c.id)).toEqual(all.slice(0, 2).map((c) => c.id));
    const next = new URL(links(first).get('next') ?? '');
    expect(next.searchParams.get('id')).toBe(String(all[1]?.id));
    expect(next.searchParams.get('perPage')).toBe('2');
    const manual = await call(`/issues/${record.key}/comments?perPage=2&id=${all[1]?.id ?? ''}`);
    expect(list(manual.body)[0]?.id).toBe(all[2]?.id);
    const { items, pages } = await walk(`/issues/${record.key}/comments?perPage=2`);
    expect(items.map((c) => c.id)).toEqual(all.map((c) => c.id));
    expect(pages).toBe(Math.ceil(all.length / 2));
    expectError(await call(`/issues/${record.key}/comments?id=999999999`), 404);
  });

  it('creates (201), edits (version +1) and deletes (204) a comment', async () => {
    const key = await freshIssue();
    clock.now += 60_000;
    const created = await call(`/issues/${key}/comments`, {
      method: 'POST',
      body: { text: 'First **comment**', summonees: ['ivan.petrov'] },
    });
    expect(created.status, created.text).toBe(201);
    const comment = obj(created.body);
    expect(comment.text).toBe('First **comment**');
    expect(comment.id).toBeTypeOf('number');
    expect(comment.self).toBe(
      `${emulator.apiBase}/v3/issues/${key}/comments/${String(comment.id)}`,
    );
    expect(at(comment, 'createdBy', 'id')).toBe(String(emulator.store.demoUid));
    expect(at(comment, 'summonees', 0, 'id')).toBe(String(emulator.store.user('ivan.petrov')?.uid));
    expect(comment.createdAt).toMatch(TRACKER_DATE);
    const version = Number(comment.version);

    const issue = obj((await call(`/issues/${key}`)).body);
    expect(issue.lastCommentUpdatedAt).toBe(wireDate(clock.now));

    clock.now += 60_000;
    const edited = await call(`/issues/${key}/comments/${String(comment.id)}`, {
      method: 'PATCH',
      body: { text: 'Edited' },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(obj(edited.body).version).toBe(version + 1);
    expect(obj(edited.body).text).toBe('Edited');
    expect(obj(edited.body).updatedAt).toBe(wireDate(clock.now));
    // By longId too.
    const byLongId = await call(`/issues/${key}/comments/${String(comment.longId)}`);
    expect(obj(byLongId.body).text).toBe('Edited');
    const afterEdit = obj((await call(`/issues/${key}`)).body);
    expect(afterEdit.lastCommentUpdatedAt).toBe(wireDate(clock.now));

    const deleted = await call(`/issues/${key}/comments/${String(comment.id)}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(list((await call(`/issues/${key}/comments`)).body)).toEqual([]);
    expectError(await call(`/issues/${key}/comments/${String(comment.id)}`), 404);
  });

  it('refuses an empty comment and comments on unknown issues', async () => {
    const key = await freshIssue();
    const empty = await call(`/issues/${key}/comments`, { method: 'POST', body: {} });
    expectClientError(empty);
    expectError(
      await call('/issues/NOPE-1/comments', { method: 'POST', body: { text: 'x' } }),
      404,
    );
  });
});

describe('transitions', () => {
  it('lists the transitions available from the current status', async () => {
    const key = await freshIssue();
    const reply = await call(`/issues/${key}/transitions`);
    expect(reply.status).toBe(200);
    const transitions = list(reply.body);
    const workflow = emulator.store.workflowOfQueue('DESK');
    const fromOpen = workflow?.transitions.filter((t) => t.from.includes('open')) ?? [];
    expect(transitions.map((t) => t.id)).toEqual(fromOpen.map((t) => t.id));
    for (const t of transitions) {
      expect(t.display).toBeTypeOf('string');
      expect(at(t, 'to', 'self')).toMatch(/\/v3\/statuses\/\d+$/);
    }
  });

  it('executes along the workflow and returns the transitions of the new status', async () => {
    const key = await freshIssue();
    const before = emulator.store.getIssue(key)?.version ?? 0;
    const started = await call(`/issues/${key}/transitions/start_progress/_execute`, {
      method: 'POST',
      body: {},
    });
    expect(started.status, started.text).toBe(200);
    const available = list(started.body).map((t) => t.id);
    expect(available).toEqual(emulator.store.transitions(key).map((t) => t.id));
    expect(available).toContain('resolve');
    const issue = obj((await call(`/issues/${key}`)).body);
    expect(at(issue, 'status', 'key')).toBe('inProgress');
    expect(at(issue, 'previousStatus', 'key')).toBe('open');
    expect(issue.version).toBe(before + 1);

    const resolved = await call(`/issues/${key}/transitions/resolve/_execute`, {
      method: 'POST',
      body: { resolution: 'fixed', comment: 'Done' },
    });
    expect(resolved.status, resolved.text).toBe(200);
    expect(list(resolved.body).map((t) => t.id)).toEqual(
      emulator.store.transitions(key).map((t) => t.id),
    );
    const done = obj((await call(`/issues/${key}`)).body);
    expect(at(done, 'status', 'key')).toBe('resolved');
    expect(at(done, 'resolution', 'key')).toBe('fixed');
    const comments = list((await call(`/issues/${key}/comments`)).body);
    expect(comments.map((c) => c.text)).toContain('Done');
  });

  it('refuses an unavailable transition (409) and leaves the status unchanged', async () => {
    const key = await freshIssue();
    const version = emulator.store.getIssue(key)?.version;
    const reply = await call(`/issues/${key}/transitions/resolve/_execute`, {
      method: 'POST',
      body: {},
    });
    expectError(reply, 409);
    expect(emulator.store.getIssue(key)?.statusKey).toBe('open');
    expect(emulator.store.getIssue(key)?.version).toBe(version);
    expectError(
      await call(`/issues/${key}/transitions/teleport/_execute`, { method: 'POST', body: {} }),
      404,
    );
  });

  it('honours ?version= and If-Match on execute', async () => {
    const key = await freshIssue();
    const version = emulator.store.getIssue(key)?.version ?? 0;
    expectError(
      await call(`/issues/${key}/transitions/start_progress/_execute?version=${version + 3}`, {
        method: 'POST',
        body: {},
      }),
      409,
    );
    expectError(
      await call(`/issues/${key}/transitions/start_progress/_execute`, {
        method: 'POST',
        body: {},
        headers: { 'If-Match': `"${version - 1}"` },
      }),
      409,
    );
    expect(emulator.store.getIssue(key)?.statusKey).toBe('open');
    const ok = await call(`/issues/${key}/transitions/start_progress/_execute`, {
      method: 'POST',
      body: {},
      headers: { 'If-Match': `"${version}"` },
    });
    expect(ok.status).toBe(200);
    expect(emulator.store.getIssue(key)?.statusKey).toBe('inProgress');
  });
});

describe('changelog', () => {
  it('pages with a cursor and filters by type', async () => {
    const record = emulator.store
      .allIssues()
      .reduce((best, i) =>
        emulator.store.changelog(i.key).length > emulator.store.changelog(best.key).length
          ? i
          : best,
      );
    const all = emulator.store.changelog(record.key);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const { items, pages } = await walk(`/issues/${record.key}/changelog?perPage=3`);
    expect(items.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(pages).toBe(Math.ceil(all.length / 3));
    for (const entry of items) {
      expect(entry.updatedAt).toMatch(TRACKER_DATE);
      expect(at(entry, 'issue', 'key')).toBe(record.key);
    }
    const type = all[all.length - 1]?.type ?? 'IssueCreated';
    const filtered = await walk(`/issues/${record.key}/changelog?type=${type}&perPage=2`);
    expect(filtered.items.map((e) => e.id)).toEqual(
      all.filter((e) => e.type === type).map((e) => e.id),
    );
    for (const entry of filtered.items) expect(entry.type).toBe(type);
  });

  it('records a transition as an IssueWorkflow entry', async () => {
    const key = await freshIssue();
    const before = list((await call(`/issues/${key}/changelog?type=IssueWorkflow`)).body);
    expect(before).toEqual([]);
    await call(`/issues/${key}/transitions/start_progress/_execute`, { method: 'POST', body: {} });
    const after = list((await call(`/issues/${key}/changelog?type=IssueWorkflow`)).body);
    expect(after).toHaveLength(1);
    const status = list(after[0]?.fields).find((f) => at(f, 'field', 'id') === 'status');
    expect(at(status, 'from', 'key')).toBe('open');
    expect(at(status, 'to', 'key')).toBe('inProgress');
    const everything = list((await call(`/issues/${key}/changelog`)).body).map((e) => e.type);
    expect(everything).toEqual(['IssueCreated', 'IssueWorkflow']);
  });
});
