import { describe, it, expect } from 'vitest';
import { normalizeDuration, parseTrackerDate } from '../../../../main/emulator/store.ts';
import { errorOf, fixture } from './store-fixture.ts';

describe('EmulatorStore: comments', () => {
  it('adds comments with global ids, summons and pending replies, and writes the issue', () => {
    const { store, demo, ivan, maria, fresh, tick } = fixture();
    const issue = fresh();
    const maxId = Math.max(...store.world.comments.map((c) => c.id));
    const at = tick();
    const c1 = store.addComment(
      issue.key,
      { text: '@ivan.petrov, глянь', summonees: ['ivan.petrov', maria] },
      demo,
      at,
    );
    expect(c1.id).toBeGreaterThan(maxId);
    expect(c1.longId).toMatch(/^[0-9a-f]{24}$/);
    expect(c1).toMatchObject({
      version: 1,
      authorUid: demo,
      createdAt: at,
      summoneeUids: [ivan, maria],
      type: 'standard',
      transport: 'internal',
    });
    expect(issue).toMatchObject({
      version: 2,
      lastCommentUpdatedAt: at,
      updatedAt: at,
      pendingReplyUids: [ivan, maria],
    });
    const added = store.changelog(issue.key).at(-1)!;
    expect(added).toMatchObject({ type: 'IssueCommentAdded', commentId: c1.id });
    const c2 = store.addComment(issue.key, { text: 'Done' }, ivan, tick(), {
      addToFollowers: true,
    });
    expect(c2.id).toBe(c1.id + 1);
    expect(issue.pendingReplyUids).toEqual([maria]);
    expect(issue.followerUids).toEqual([ivan]);
    expect(errorOf(() => store.addComment(issue.key, { text: '  ' }, demo, tick())).status).toBe(
      400,
    );
    expect(
      errorOf(() => store.addComment(issue.key, { text: 'x', summonees: ['ghost'] }, demo, tick()))
        .status,
    ).toBe(422);
  });

  it('edits by id or longId (author only) and deletes', () => {
    const { store, demo, ivan, fresh, tick } = fixture();
    const issue = fresh();
    const comment = store.addComment(issue.key, { text: 'v1' }, demo, tick());
    store.editComment(issue.key, comment.id, { text: 'v2' }, demo, tick());
    const at = tick();
    store.editComment(issue.key, comment.longId, { text: 'v3' }, demo, at);
    expect(comment).toMatchObject({ text: 'v3', version: 3, updatedAt: at });
    expect(issue).toMatchObject({ version: 4, lastCommentUpdatedAt: at });
    expect(store.changelog(issue.key).at(-1)).toMatchObject({
      type: 'IssueCommentUpdated',
      commentId: comment.id,
      fields: [{ field: 'text', from: 'v2', to: 'v3' }],
    });
    expect(
      errorOf(() => store.editComment(issue.key, comment.id, { text: 'x' }, ivan, tick())).status,
    ).toBe(403);
    expect(errorOf(() => store.editComment(issue.key, 1, { text: 'x' }, demo, tick())).status).toBe(
      404,
    );
    store.deleteComment(issue.key, comment.id, demo, tick());
    expect(store.comments(issue.key)).toEqual([]);
    expect(store.changelog(issue.key).at(-1)).toMatchObject({
      type: 'IssueCommentRemoved',
      commentId: comment.id,
    });
    expect(errorOf(() => store.deleteComment(issue.key, comment.id, demo, tick())).status).toBe(
      404,
    );
  });

  it('pages comments with an id cursor', () => {
    const { store } = fixture();
    const issue = store.allIssues().find((i) => store.comments(i.key).length >= 5)!;
    const all = store.comments(issue.key);
    const seen: number[] = [];
    let cursor: number | null = null;
    for (;;) {
      const page = store.commentsAfter(issue.key, cursor, 2);
      if (page.length === 0) break;
      seen.push(...page.map((c) => c.id));
      cursor = page.at(-1)!.id;
    }
    expect(seen).toEqual(all.map((c) => c.id));
    expect(store.commentsAfter(issue.key, undefined, 50)).toEqual(all);
    expect(store.commentsAfter(issue.key, all.at(-1)!.id, 50)).toEqual([]);
  });
});

describe('EmulatorStore: changelog reads', () => {
  it('pages with an entry-id cursor and filters by type and field', () => {
    const { store, ivan, fresh, tick, demo } = fixture();
    const issue = fresh();
    store.patchIssue(issue.key, { priority: 'minor' }, {}, ivan, tick());
    store.addComment(issue.key, { text: 'a' }, demo, tick());
    store.executeTransition(issue.key, 'start_progress', {}, ivan, tick());
    store.patchIssue(issue.key, { tags: ['t'] }, {}, ivan, tick());
    const all = store.changelog(issue.key);
    expect(all.map((c) => c.type)).toEqual([
      'IssueCreated',
      'IssueUpdated',
      'IssueCommentAdded',
      'IssueWorkflow',
      'IssueUpdated',
    ]);
    expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b));
    expect(store.changelogAfter(issue.key, all[1]!.id, 2)).toEqual(all.slice(2, 4));
    expect(store.changelogAfter(issue.key, null, 10, { type: 'IssueUpdated' })).toEqual([
      all[1],
      all[4],
    ]);
    expect(store.changelogAfter(issue.key, null, 10, { field: ['status', 'tags'] })).toEqual([
      all[3],
      all[4],
    ]);
    expect(store.changelogAfter(issue.key, all.at(-1)!.id, 10)).toEqual([]);
  });
});

describe('EmulatorStore: links', () => {
  it('creates links shown from both sides and deletes them', () => {
    const { store, ivan, fresh, tick } = fixture();
    const a = fresh();
    const b = fresh();
    const link = store.addLink(a.key, { relationship: 'depends on', issue: b.key }, ivan, tick());
    expect(link).toMatchObject({ typeId: 'depends', fromKey: a.key, toKey: b.key });
    expect(store.linkSide(link, a.key)).toEqual({ direction: 'outward', other: b });
    expect(store.linkSide(link, b.key)).toEqual({ direction: 'inward', other: a });
    expect([a.version, b.version]).toEqual([2, 2]);
    expect(store.changelog(b.key).at(-1)?.type).toBe('IssueLinked');
    const same = () =>
      store.addLink(
        b.key,
        { relationship: 'is dependent by', issue: { key: a.key } },
        ivan,
        tick(),
      );
    expect(errorOf(same).status).toBe(409);
    const c = fresh();
    const back = store.addLink(
      c.key,
      { relationship: 'is dependent by', issue: { key: a.key } },
      ivan,
      tick(),
    );
    expect(back).toMatchObject({ typeId: 'depends', fromKey: a.key, toKey: c.key });
    expect(
      errorOf(() => store.addLink(a.key, { relationship: 'relates', issue: a.key }, ivan, tick()))
        .status,
    ).toBe(422);
    expect(
      errorOf(() => store.addLink(a.key, { relationship: 'loves', issue: b.key }, ivan, tick()))
        .status,
    ).toBe(422);
    expect(
      errorOf(() =>
        store.addLink(a.key, { relationship: 'relates', issue: 'NOPE-9' }, ivan, tick()),
      ).status,
    ).toBe(422);
    store.addLink(a.key, { relationship: 'relates', issue: b.key }, ivan, tick());
    expect(
      errorOf(() => store.addLink(b.key, { relationship: 'relates', issue: a.key }, ivan, tick()))
        .status,
    ).toBe(409);
    const other = fresh();
    expect(errorOf(() => store.deleteLink(other.key, link.id, ivan, tick())).status).toBe(404);
    store.deleteLink(b.key, link.id, ivan, tick());
    expect(store.links(a.key).map((l) => l.id)).not.toContain(link.id);
    expect(store.changelog(a.key).at(-1)?.type).toBe('IssueUnlinked');
  });

  it('maps subtask and epic relationships onto parent and epic rules', () => {
    const { store, ivan, fresh, tick } = fixture();
    const parent = fresh();
    const child = fresh();
    store.addLink(child.key, { relationship: 'is subtask for', issue: parent.key }, ivan, tick());
    expect(child.parentKey).toBe(parent.key);
    const subtask = store.links(parent.key)[0]!;
    store.deleteLink(parent.key, subtask.id, ivan, tick());
    expect(child.parentKey).toBeNull();
    const task = fresh();
    expect(
      errorOf(() =>
        store.addLink(child.key, { relationship: 'has epic', issue: task.key }, ivan, tick()),
      ).status,
    ).toBe(422);
    const epic = fresh({ type: 'epic' });
    const link = store.addLink(
      child.key,
      { relationship: 'has epic', issue: epic.key },
      ivan,
      tick(),
    );
    expect(link).toMatchObject({ typeId: 'epic', fromKey: epic.key, toKey: child.key });
  });
});

describe('EmulatorStore: worklogs', () => {
  it('normalizes durations and parses Tracker dates', () => {
    expect(normalizeDuration('P5DT20M')).toBe('P1WT20M');
    expect(normalizeDuration('PT8H')).toBe('P1D');
    expect(normalizeDuration('PT90M')).toBe('PT1H30M');
    expect(normalizeDuration('P1Y')).toBeNull();
    expect(normalizeDuration('soon')).toBeNull();
    expect(parseTrackerDate('2021-09-21T15:30:00.000+0500')).toBe(Date.UTC(2021, 8, 21, 10, 30));
    expect(parseTrackerDate('2021-09-21')).toBe(Date.UTC(2021, 8, 21));
    expect(parseTrackerDate('yesterday')).toBeNull();
  });

  it('adds, patches (author only) and deletes worklogs', () => {
    const { store, demo, ivan, fresh, tick } = fixture();
    const issue = fresh();
    const w = store.addWorklog(
      issue.key,
      { start: '2025-06-01T10:00:00.000+0300', duration: 'P5D', comment: 'work' },
      demo,
      tick(),
    );
    expect(w).toMatchObject({
      duration: 'P1W',
      start: Date.UTC(2025, 5, 1, 7),
      version: 1,
      issueKey: issue.key,
    });
    expect(store.worklogs(issue.key)).toEqual([w]);
    expect(issue.version).toBe(2);
    store.patchWorklog(issue.key, w.id, { duration: 'PT2H' }, demo, tick());
    expect(w).toMatchObject({ duration: 'PT2H', version: 2 });
    expect(
      errorOf(() => store.patchWorklog(issue.key, w.id, { duration: 'PT1H' }, ivan, tick())).status,
    ).toBe(403);
    expect(
      errorOf(() => store.addWorklog(issue.key, { start: 1, duration: 'forever' }, demo, tick()))
        .status,
    ).toBe(422);
    store.deleteWorklog(issue.key, w.id, demo, tick());
    expect(store.worklogs(issue.key)).toEqual([]);
    expect(
      store
        .changelog(issue.key)
        .map((c) => c.type)
        .slice(-3),
    ).toEqual(['IssueWorklogAdded', 'IssueWorklogUpdated', 'IssueWorklogRemoved']);
  });
});

describe('EmulatorStore: attachments', () => {
  const bytes = new TextEncoder().encode('log line\n');

  it('claims temporary uploads on create and on comments', () => {
    const { store, demo, fresh, tick } = fixture();
    const temp = store.addAttachment(
      null,
      { name: 'a.log', mimetype: 'text/plain', content: bytes },
      demo,
      tick(),
    );
    expect(temp.issueKey).toBeNull();
    const issue = fresh({ attachmentIds: [temp.id] });
    expect(store.attachment(temp.id)?.issueKey).toBe(issue.key);
    expect(errorOf(() => fresh({ attachmentIds: [temp.id] })).status).toBe(422);
    const temp2 = store.addAttachment(
      null,
      { name: 'b.png', mimetype: 'image/png', content: bytes },
      demo,
      tick(),
    );
    const comment = store.addComment(
      issue.key,
      { text: 'see file', attachmentIds: [String(temp2.id)] },
      demo,
      tick(),
    );
    expect(comment.attachmentIds).toEqual([temp2.id]);
    expect(store.attachment(temp2.id)).toMatchObject({
      issueKey: issue.key,
      commentId: comment.id,
    });
    expect(store.attachments(issue.key).map((a) => a.id)).toEqual([temp.id, temp2.id]);
  });

  it('uploads to an issue and deletes, updating comment references', () => {
    const { store, demo, ivan, fresh, tick } = fixture();
    const issue = fresh();
    const direct = store.addAttachment(
      issue.key,
      { name: 'x.json', mimetype: 'application/json', content: bytes },
      ivan,
      tick(),
    );
    expect(issue.version).toBe(2);
    expect(store.changelog(issue.key).at(-1)?.type).toBe('IssueAttachmentAdded');
    const temp = store.addAttachment(null, { name: 'c.txt', content: bytes }, demo, tick());
    const comment = store.addComment(
      issue.key,
      { text: 'c', attachmentIds: [temp.id] },
      demo,
      tick(),
    );
    store.deleteAttachment(issue.key, temp.id, demo, tick());
    expect(comment.attachmentIds).toEqual([]);
    expect(store.attachment(temp.id)).toBeUndefined();
    const other = fresh();
    expect(errorOf(() => store.deleteAttachment(other.key, direct.id, demo, tick())).status).toBe(
      404,
    );
    expect(
      errorOf(() => store.addAttachment(issue.key, { name: '', content: bytes }, demo, tick()))
        .status,
    ).toBe(400);
    expect(store.attachments(issue.key).map((a) => a.name)).toEqual(['x.json']);
  });
});
