/**
 * Links, worklogs and attachments: create/list/delete, downloads with the exact bytes, multipart
 * uploads to an issue and temporary uploads claimed through `attachmentIds`.
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
} from './client.ts';

let emulator: Emulator;
let call: Call;

beforeAll(async () => {
  emulator = await startEmulator(emulatorOptions(manualClock()));
  call = client(emulator);
});
afterAll(() => emulator.close());

async function freshIssue(summary = 'Relations'): Promise<string> {
  const reply = await call('/issues', { method: 'POST', body: { queue: 'SYNC', summary } });
  expect(reply.status).toBe(201);
  return String(obj(reply.body).key);
}

/** Fetches a URL with the auth headers, returning the raw bytes. */
async function download(url: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  const response = await fetch(url, {
    headers: { Authorization: `OAuth ${emulator.token}`, 'X-Org-ID': emulator.org.id },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('links', () => {
  it('creates, lists from both sides, and deletes a link', async () => {
    const a = await freshIssue('Link source');
    const b = await freshIssue('Link target');
    const created = await call(`/issues/${a}/links`, {
      method: 'POST',
      body: { relationship: 'depends on', issue: b },
    });
    expect(created.status, created.text).toBe(201);
    const link = obj(created.body);
    expect(link.id).toBeTypeOf('number');
    expect(link.direction).toBe('outward');
    expect(at(link, 'type', 'id')).toBe('depends');
    expect(at(link, 'object', 'key')).toBe(b);
    expect(link.self).toBe(`${emulator.apiBase}/v3/issues/${a}/links/${String(link.id)}`);
    expect(link.createdAt).toMatch(TRACKER_DATE);

    const fromA = list((await call(`/issues/${a}/links`)).body);
    expect(fromA.map((l) => l.id)).toEqual([link.id]);
    const fromB = list((await call(`/issues/${b}/links`)).body);
    expect(fromB).toHaveLength(1);
    expect(fromB[0]?.direction).toBe('inward');
    expect(at(fromB[0], 'object', 'key')).toBe(a);

    const removed = await call(`/issues/${a}/links/${String(link.id)}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(list((await call(`/issues/${a}/links`)).body)).toEqual([]);
    expect(list((await call(`/issues/${b}/links`)).body)).toEqual([]);
  });

  it('refuses unknown relationships and issues', async () => {
    const a = await freshIssue();
    const bad = await call(`/issues/${a}/links`, {
      method: 'POST',
      body: { relationship: 'loves', issue: 'DESK-1' },
    });
    expectClientError(bad);
    const missing = await call(`/issues/${a}/links`, {
      method: 'POST',
      body: { relationship: 'relates', issue: 'NOPE-1' },
    });
    expectClientError(missing);
    expectError(await call(`/issues/${a}/links/999999`, { method: 'DELETE' }), 404);
  });

  it('pages links with a cursor', async () => {
    const hub = await freshIssue('Hub');
    const ids: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const other = await freshIssue(`Spoke ${i}`);
      const reply = await call(`/issues/${hub}/links`, {
        method: 'POST',
        body: { relationship: 'relates', issue: other },
      });
      ids.push(obj(reply.body).id);
    }
    const first = await call(`/issues/${hub}/links?perPage=2`);
    expect(list(first.body).map((l) => l.id)).toEqual(ids.slice(0, 2));
    expect(first.headers.get('x-total-count')).toBeNull();
    const seen = list(first.body).map((l) => l.id);
    let reply = first;
    for (let next = links(reply).get('next'); next; next = links(reply).get('next')) {
      reply = await call(next);
      seen.push(...list(reply.body).map((l) => l.id));
    }
    expect(seen).toEqual(ids);
  });
});

describe('worklog', () => {
  it('creates and lists worklog entries, echoing durations in working weeks', async () => {
    const key = await freshIssue();
    const created = await call(`/issues/${key}/worklog`, {
      method: 'POST',
      body: { start: '2025-05-20T09:30:00.000+0300', duration: 'P5D', comment: 'Spent a week' },
    });
    expect(created.status, created.text).toBe(201);
    const entry = obj(created.body);
    expect(entry.id).toBeTypeOf('number');
    expect(entry.duration).toBe('P1W');
    expect(entry.start).toBe('2025-05-20T06:30:00.000+0000');
    expect(entry.comment).toBe('Spent a week');
    expect(at(entry, 'issue', 'key')).toBe(key);
    const second = await call(`/issues/${key}/worklog`, {
      method: 'POST',
      body: { start: '2025-05-21T10:00:00.000+0000', duration: 'PT2H' },
    });
    expect(second.status).toBe(201);
    const listed = list((await call(`/issues/${key}/worklog`)).body);
    expect(listed.map((w) => w.id)).toEqual([entry.id, obj(second.body).id]);
    const mine = list((await call(`/worklog?createdBy=${emulator.login}`)).body);
    expect(mine.map((w) => w.id)).toEqual(expect.arrayContaining([entry.id]));
    expectClientError(
      await call(`/issues/${key}/worklog`, { method: 'POST', body: { duration: 'eventually' } }),
    );
  });
});

describe('attachments', () => {
  it('lists an issue’s files and downloads the exact bytes with their content type', async () => {
    const record = emulator.store
      .allIssues()
      .find((i) => emulator.store.attachments(i.key).length > 0);
    const key = record?.key ?? '';
    const stored = emulator.store.attachments(key);
    const files = list((await call(`/issues/${key}/attachments`)).body);
    expect(files.map((f) => f.id)).toEqual(stored.map((a) => String(a.id)));
    for (const [i, file] of files.entries()) {
      const want = stored[i];
      expect(file.name).toBe(want?.name);
      expect(file.size).toBe(want?.content.byteLength);
      expect(file.mimetype).toBe(want?.mimetype);
      const got = await download(String(file.content));
      expect(got.status).toBe(200);
      expect(got.type).toBe(want?.mimetype);
      expect(got.bytes.equals(Buffer.from(want?.content ?? new Uint8Array()))).toBe(true);
    }
  });

  it('uploads a multipart file to an issue and downloads it back', async () => {
    const key = await freshIssue();
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 10, 13, 0x2d, 0x2d]);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/x-test' }), 'данные.bin');
    const uploaded = await call(`/issues/${key}/attachments`, { method: 'POST', body: form });
    expect(uploaded.status, uploaded.text).toBe(201);
    const file = obj(uploaded.body);
    expect(file.name).toBe('данные.bin');
    expect(file.mimetype).toBe('application/x-test');
    expect(file.size).toBe(bytes.byteLength);
    expect(file.id).toBeTypeOf('string');
    const got = await download(String(file.content));
    expect(got.status).toBe(200);
    expect(got.type).toBe('application/x-test');
    expect([...got.bytes]).toEqual([...bytes]);
    const listed = list((await call(`/issues/${key}/attachments`)).body);
    expect(listed.map((f) => f.id)).toEqual([file.id]);
    // ?filename= names a file sent without one.
    const plain = new FormData();
    plain.append('file', new Blob(['hello'], { type: 'text/plain' }));
    const named = await call(`/issues/${key}/attachments?filename=note.txt`, {
      method: 'POST',
      body: plain,
    });
    expect(obj(named.body).name).toBe('note.txt');
    const removed = await call(`/issues/${key}/attachments/${String(file.id)}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect(list((await call(`/issues/${key}/attachments`)).body).map((f) => f.name)).toEqual([
      'note.txt',
    ]);
  });

  it('refuses an upload that is not multipart or has no file part', async () => {
    const key = await freshIssue();
    expectError(await call(`/issues/${key}/attachments`, { method: 'POST', body: {} }), 400);
    const form = new FormData();
    form.append('other', 'x');
    expectError(await call(`/issues/${key}/attachments`, { method: 'POST', body: form }), 400);
  });

  it('takes a temporary upload into a new issue through attachmentIds', async () => {
    const form = new FormData();
    form.append('file', new Blob(['temporary bytes'], { type: 'text/plain' }), 'temp.txt');
    const uploaded = await call('/attachments', { method: 'POST', body: form });
    expect(uploaded.status, uploaded.text).toBe(201);
    const id = String(obj(uploaded.body).id);
    const content = String(obj(uploaded.body).content);
    expect(content).toBe(`${emulator.apiBase}/v3/attachments/${id}/temp.txt`);
    const early = await download(content);
    expect(early.bytes.toString()).toBe('temporary bytes');

    const created = await call('/issues', {
      method: 'POST',
      body: { queue: 'SYNC', summary: 'With a file', attachmentIds: [Number(id)] },
    });
    expect(created.status, created.text).toBe(201);
    const key = String(obj(created.body).key);
    const files = list((await call(`/issues/${key}/attachments`)).body);
    expect(files.map((f) => f.id)).toEqual([id]);
    const got = await download(String(files[0]?.content));
    expect(got.bytes.toString()).toBe('temporary bytes');
    expect(got.type).toBe('text/plain');
    // A claimed upload cannot be claimed again.
    const again = await call('/issues', {
      method: 'POST',
      body: { queue: 'SYNC', summary: 'Same file', attachmentIds: [Number(id)] },
    });
    expectClientError(again);
  });
});
