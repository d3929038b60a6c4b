/**
 * Links, worklog and attachments through the real client against the emulator: list, create, edit,
 * delete; downloads as bytes and as a stream; uploads to an issue and temporary ones claimed by
 * `attachmentIds` on a new issue and a new comment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../../../main/api/index.ts';
import {
  apiFailure,
  connect,
  requestsTo,
  startSmall,
  type Connected,
  type Emulator,
} from './helpers.ts';

let emulator: Emulator;
let api: Connected;

beforeAll(async () => {
  emulator = await startSmall();
  api = connect(emulator, { language: () => 'en' });
});

afterAll(async () => {
  await emulator.close();
});

function issueAt(index: number) {
  const issue = emulator.store.allIssues()[index];
  if (!issue) throw new Error(`no issue #${index}`);
  return issue;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

describe('links', () => {
  it('creates, lists from both sides and deletes a link', async () => {
    const from = issueAt(30);
    const to = issueAt(31);
    const before = emulator.store.links(from.key).length;
    const link = await api.client.links.create(from.key, {
      relationship: 'depends on',
      issue: to.key,
    });
    expect(link.direction).toBe('outward');
    expect(link.object?.key).toBe(to.key);
    expect(link.type?.id).toBe('depends');
    expect(link.createdBy?.id).toBe(String(emulator.store.demoUid));
    expect(emulator.store.link(Number(link.id))).toMatchObject({
      fromKey: from.key,
      toKey: to.key,
    });

    const outward = await api.client.links.list(from.key).toArray();
    expect(outward.map((l) => l.id)).toEqual(
      emulator.store.links(from.key).map((l) => String(l.id)),
    );
    expect(outward).toHaveLength(before + 1);
    const inward = await api.client.links.list(to.key).toArray();
    const mirrored = inward.find((l) => l.id === link.id);
    expect(mirrored).toMatchObject({ direction: 'inward', object: { key: from.key } });

    await api.client.links.delete(from.key, link.id);
    expect(emulator.store.link(Number(link.id))).toBeUndefined();
    expect(await api.client.links.list(from.key).toArray()).toHaveLength(before);
  });

  it('pages through many links', async () => {
    const hub = issueAt(40);
    for (let i = 41; i < 48; i++) {
      await api.client.links.create(hub.key, { relationship: 'relates', issue: issueAt(i).key });
    }
    const stored = emulator.store.links(hub.key);
    const pages = [];
    for await (const page of api.client.links.list(hub.key, { perPage: 3 })) pages.push(page);
    expect(pages).toHaveLength(Math.ceil(stored.length / 3));
    expect(pages.flatMap((p) => p.items).map((l) => l.id)).toEqual(stored.map((l) => String(l.id)));
  });

  it('an unknown relationship is a ValidationError naming the field', async () => {
    const error = await apiFailure(
      api.client.links.create(issueAt(30).key, { relationship: 'loves', issue: issueAt(31).key }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(Object.keys(error.errors)).toEqual(['relationship']);
  });
});

describe('worklog', () => {
  it('creates, lists, edits and deletes records', async () => {
    const issue = issueAt(50);
    const start = Date.UTC(2024, 4, 6, 7, 30);
    const created = await api.client.worklog.create(issue.key, {
      start,
      duration: 'P5DT20M',
      comment: 'Pairing',
    });
    // Tracker counts a week as five working days.
    expect(created.duration).toBe('P1WT20M');
    expect(created.start).toBe(start);
    expect(created.comment).toBe('Pairing');
    expect(emulator.store.worklog(Number(created.id))).toMatchObject({
      issueKey: issue.key,
      start,
      duration: 'P1WT20M',
    });
    const second = await api.client.worklog.create(issue.key, {
      start: '2024-05-07T09:00:00.000+0300',
      duration: 'PT1H',
    });
    expect(second.start).toBe(Date.UTC(2024, 4, 7, 6, 0));

    const listed = await api.client.worklog.list(issue.key, { perPage: 1 }).toArray();
    expect(listed.map((w) => w.id)).toEqual(
      emulator.store.worklogs(issue.key).map((w) => String(w.id)),
    );

    const edited = await api.client.worklog.edit(issue.key, created.id, {
      duration: 'PT2H',
      comment: 'Shorter',
    });
    expect(edited).toMatchObject({ id: created.id, duration: 'PT2H', comment: 'Shorter' });
    expect(emulator.store.worklog(Number(created.id))?.duration).toBe('PT2H');

    await api.client.worklog.delete(issue.key, created.id);
    await api.client.worklog.delete(issue.key, second.id);
    expect(emulator.store.worklogs(issue.key)).toHaveLength(0);
    expect(await api.client.worklog.list(issue.key).toArray()).toEqual([]);
    expect(await apiFailure(api.client.worklog.delete(issue.key, created.id))).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('attachments', () => {
  it('lists the files of an issue like the store', async () => {
    const issue = emulator.store.allIssues().find((i) => emulator.store.attachments(i.key).length);
    if (!issue) throw new Error('seed has no attachments');
    const files = await api.client.attachments.list(issue.key);
    const stored = emulator.store.attachments(issue.key);
    expect(files.map((f) => [f.id, f.name, f.mimetype, f.size, f.createdAt])).toEqual(
      stored.map((f) => [String(f.id), f.name, f.mimetype, f.content.byteLength, f.createdAt]),
    );
  });

  it('downloads the stored bytes, as bytes and as a stream', async () => {
    const issue = emulator.store.allIssues().find((i) => emulator.store.attachments(i.key).length);
    const file = issue && emulator.store.attachments(issue.key)[0];
    if (!issue || !file) throw new Error('seed has no attachments');
    const byId = await api.client.attachments.downloadBytes({
      issue: issue.key,
      id: file.id,
      name: file.name,
    });
    expect(Buffer.from(byId.bytes).equals(Buffer.from(file.content))).toBe(true);
    expect(byId.name).toBe(file.name);
    expect(byId.contentType).toBe(file.mimetype);
    expect(byId.size).toBe(file.content.byteLength);

    const [meta] = await api.client.attachments.list(issue.key);
    if (!meta?.content) throw new Error('no content URL');
    const streamed = await api.client.attachments.downloadStream({ url: meta.content });
    expect(streamed.name).toBe(file.name);
    const bytes = await readAll(streamed.stream);
    expect(Buffer.from(bytes).equals(Buffer.from(file.content))).toBe(true);
  });

  it('uploads to an issue (multipart) and deletes', async () => {
    const issue = issueAt(60);
    const content = new TextEncoder().encode('hello, attachment — привет\n'.repeat(50));
    const uploaded = await api.client.attachments.upload(issue.key, {
      data: content,
      name: 'notes файл.txt',
      contentType: 'text/plain',
    });
    expect(uploaded.name).toBe('notes файл.txt');
    expect(uploaded.size).toBe(content.byteLength);
    expect(uploaded.mimetype).toBe('text/plain');
    const stored = emulator.store.attachment(Number(uploaded.id));
    expect(stored?.issueKey).toBe(issue.key);
    expect(Buffer.from(stored?.content ?? []).equals(Buffer.from(content))).toBe(true);

    const back = await api.client.attachments.downloadBytes({
      issue: issue.key,
      id: uploaded.id,
      name: uploaded.name ?? '',
    });
    expect(back.name).toBe('notes файл.txt');
    expect(Buffer.from(back.bytes).equals(Buffer.from(content))).toBe(true);
    // An upload is not retried.
    expect(requestsTo(api.sent, `issues/${issue.key}/attachments/`, 'POST')).toHaveLength(1);

    await api.client.attachments.delete(issue.key, uploaded.id);
    expect(emulator.store.attachment(Number(uploaded.id))).toBeUndefined();
    expect((await api.client.attachments.list(issue.key)).map((a) => a.id)).not.toContain(
      uploaded.id,
    );
  });

  it('temporary uploads are claimed by attachmentIds on a new issue and a new comment', async () => {
    const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const temp = await api.client.attachments.uploadTemporary({
      data: new Blob([image], { type: 'image/png' }),
      name: 'screen.png',
    });
    expect(emulator.store.attachment(Number(temp.id))?.issueKey).toBeNull();
    const queue = emulator.store.queues()[0];
    if (!queue) throw new Error('no queues');
    const { issue } = await api.client.issues.create({
      queue: queue.key,
      summary: 'With a screenshot',
      attachmentIds: [temp.id],
    });
    expect(emulator.store.attachment(Number(temp.id))?.issueKey).toBe(issue.key);
    const files = await api.client.attachments.list(issue.key);
    expect(files.map((f) => [f.id, f.name, f.mimetype])).toEqual([
      [temp.id, 'screen.png', 'image/png'],
    ]);
    const expanded = await api.client.issues.get(issue.key, { expand: ['attachments'] });
    expect(expanded.attachments?.map((a) => a.id)).toEqual([temp.id]);

    const forComment = await api.client.attachments.uploadTemporary({
      data: new TextEncoder().encode('log line\n').buffer,
      name: 'log.txt',
    });
    const comment = await api.client.comments.create(issue.key, {
      text: 'See the log',
      attachmentIds: [forComment.id],
    });
    expect(comment.attachments.map((a) => a.id)).toEqual([forComment.id]);
    expect(emulator.store.attachment(Number(forComment.id))).toMatchObject({
      issueKey: issue.key,
      commentId: Number(comment.id),
    });
  });
});
