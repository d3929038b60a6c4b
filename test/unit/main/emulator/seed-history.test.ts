import { describe, it, expect } from 'vitest';
import { createSeedWorld } from '../../../../main/emulator/seed/index.ts';
import type { ChangeRecord, CommentRecord } from '../../../../main/emulator/model.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const world = createSeedWorld({ seed: 99, issues: 1500, now: NOW });

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const changesByIssue = groupBy(world.changes, (c) => c.issueKey);
const commentsByIssue = groupBy(world.comments, (c) => c.issueKey);

describe('seeded comments', () => {
  it('numbers comments globally in creation-time order with unique hex longIds', () => {
    for (let i = 1; i < world.comments.length; i++) {
      const [a, b] = [world.comments[i - 1]!, world.comments[i]!];
      expect(b.id).toBe(a.id + 1);
      expect(b.createdAt).toBeGreaterThanOrEqual(a.createdAt);
    }
    expect(new Set(world.comments.map((c) => c.longId)).size).toBe(world.comments.length);
    for (const c of world.comments) expect(c.longId).toMatch(/^[0-9a-f]{24}$/);
    expect(world.counters.nextCommentId).toBe(world.comments.at(-1)!.id + 1);
  });

  it('keeps 0–8 comments per issue and lastCommentUpdatedAt on the latest one', () => {
    for (const issue of world.issues) {
      const list: CommentRecord[] = commentsByIssue.get(issue.key) ?? [];
      expect(list.length).toBeLessThanOrEqual(8);
      expect(issue.lastCommentUpdatedAt).toBe(
        list.length ? Math.max(...list.map((c) => c.createdAt)) : null,
      );
      for (const c of list) expect(c.createdAt).toBeGreaterThanOrEqual(issue.createdAt);
    }
  });

  it('summons users and keeps unanswered summons as pending replies', () => {
    const uids = new Set(world.users.map((u) => u.uid));
    const summoning = world.comments.filter((c) => c.summoneeUids.length > 0);
    expect(summoning.length).toBeGreaterThan(0);
    for (const c of summoning) {
      for (const uid of c.summoneeUids) expect(uids.has(uid)).toBe(true);
      const login = world.users.find((u) => u.uid === c.summoneeUids[0])?.login;
      expect(c.text).toContain(`@${login}`);
    }
    for (const issue of world.issues) {
      const list = commentsByIssue.get(issue.key) ?? [];
      for (const uid of issue.pendingReplyUids) {
        const lastSummon = list.findLastIndex((c) => c.summoneeUids.includes(uid));
        expect(lastSummon).toBeGreaterThanOrEqual(0);
        expect(list.slice(lastSummon + 1).some((c) => c.authorUid === uid)).toBe(false);
      }
    }
  });
});

describe('seeded changelog', () => {
  it('orders entries by seq, which follows time, with unique ids', () => {
    world.changes.forEach((c, i) => expect(c.seq).toBe(i + 1));
    for (let i = 1; i < world.changes.length; i++) {
      expect(world.changes[i]!.updatedAt).toBeGreaterThanOrEqual(world.changes[i - 1]!.updatedAt);
      expect(world.changes[i]!.id > world.changes[i - 1]!.id).toBe(true);
    }
    expect(world.counters.nextChangeSeq).toBe(world.changes.length + 1);
  });

  it('replays to the stored issue: created, workflow chain, assignee chain, version, updatedAt', () => {
    for (const issue of world.issues) {
      const list: ChangeRecord[] = changesByIssue.get(issue.key) ?? [];
      expect(list[0]?.type).toBe('IssueCreated');
      expect(list[0]?.updatedAt).toBe(issue.createdAt);
      expect(list[0]?.updatedByUid).toBe(issue.authorUid);
      expect(issue.version).toBe(list.length);
      expect(list.at(-1)?.updatedAt).toBe(issue.updatedAt);
      expect(list.at(-1)?.updatedByUid).toBe(issue.updatedByUid);

      let status = 'open';
      let resolution: unknown = null;
      let previous: string | null = null;
      let assignee: unknown;
      for (const entry of list) {
        for (const f of entry.fields) {
          if (f.field === 'status') {
            expect(f.from).toBe(status);
            previous = status;
            status = f.to as string;
          } else if (f.field === 'resolution') {
            expect(f.from).toBe(resolution);
            resolution = f.to;
          } else if (f.field === 'assignee') {
            if (assignee !== undefined) expect(f.from).toBe(assignee);
            assignee = f.to;
          }
        }
      }
      expect(status).toBe(issue.statusKey);
      expect(resolution).toBe(issue.resolutionKey);
      expect(previous).toBe(issue.previousStatusKey);
      if (assignee !== undefined) expect(assignee).toBe(issue.assigneeUid);
    }
  });

  it('only records workflow steps that exist in the queue workflow', () => {
    const workflowOf = new Map(
      world.queues.map((q) => [q.key, world.workflows.find((w) => w.id === q.workflowId)!]),
    );
    for (const entry of world.changes) {
      if (entry.type !== 'IssueWorkflow') continue;
      const issue = world.issues.find((i) => i.key === entry.issueKey)!;
      const status = entry.fields.find((f) => f.field === 'status')!;
      const edge = workflowOf
        .get(issue.queueKey)!
        .transitions.some((t) => t.to === status.to && t.from.includes(status.from as string));
      expect(edge).toBe(true);
    }
  });

  it('logs one IssueCommentAdded per comment, by its author at its time', () => {
    const added = world.changes.filter((c) => c.type === 'IssueCommentAdded');
    expect(added).toHaveLength(world.comments.length);
    const byId = new Map(world.comments.map((c) => [c.id, c]));
    for (const entry of added) {
      const comment = byId.get(entry.commentId!);
      expect(comment?.issueKey).toBe(entry.issueKey);
      expect(comment?.authorUid).toBe(entry.updatedByUid);
      expect(comment?.createdAt).toBe(entry.updatedAt);
    }
  });

  it('records moves with the old key as an alias', () => {
    const moved = world.issues.filter((i) => i.aliases.length > 0);
    expect(moved.length).toBeGreaterThan(0);
    for (const issue of moved) {
      const entry = changesByIssue.get(issue.key)!.find((c) => c.type === 'IssueMoved')!;
      expect(entry.fields).toContainEqual({ field: 'key', from: issue.aliases[0], to: issue.key });
    }
  });
});

describe('seeded links and worklogs', () => {
  it('links existing issues; subtask links mirror parentKey; epic links start at epics', () => {
    const byKey = new Map(world.issues.map((i) => [i.key, i]));
    for (const link of world.links) {
      expect(byKey.has(link.fromKey) && byKey.has(link.toKey)).toBe(true);
      expect(link.fromKey).not.toBe(link.toKey);
      if (link.typeId === 'subtask') expect(byKey.get(link.toKey)?.parentKey).toBe(link.fromKey);
      if (link.typeId === 'epic') expect(byKey.get(link.fromKey)?.typeKey).toBe('epic');
    }
    for (const issue of world.issues.filter((i) => i.parentKey)) {
      expect(world.links.some((l) => l.typeId === 'subtask' && l.toKey === issue.key)).toBe(true);
    }
    expect(new Set(world.links.map((l) => l.typeId)).size).toBe(5);
  });

  it('has worklogs with ISO durations inside the issue lifetime', () => {
    for (const w of world.worklogs) {
      const issue = world.issues.find((i) => i.key === w.issueKey)!;
      expect(w.duration).toMatch(/^P(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?)?$/);
      expect(w.start).toBeGreaterThanOrEqual(issue.createdAt);
      expect(w.createdAt).toBeLessThanOrEqual(NOW);
    }
  });
});
