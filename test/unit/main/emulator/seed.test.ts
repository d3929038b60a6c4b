import { describe, it, expect } from 'vitest';
import {
  DEMO_USER,
  createSeedWorld,
  imageSize,
  isResolvedType,
  workflowStatuses,
} from '../../../../main/emulator/seed/index.ts';
import type { SeedWorld } from '../../../../main/emulator/seed/index.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const DAY = 86_400_000;
const world = createSeedWorld({ seed: 42, issues: 2000, now: NOW });

function sample(w: SeedWorld): string {
  return JSON.stringify({
    issues: w.issues.slice(0, 40),
    last: w.issues.at(-1),
    comments: w.comments.slice(0, 40),
    changes: w.changes.slice(-40),
    links: w.links.slice(0, 20),
    worklogs: w.worklogs.slice(0, 10),
    attachments: w.attachments.slice(0, 5).map((a) => ({ ...a, content: [...a.content] })),
    counters: w.counters,
  });
}

function share(predicate: (issue: SeedWorld['issues'][number]) => boolean): number {
  return world.issues.filter(predicate).length / world.issues.length;
}

describe('createSeedWorld: determinism and shape', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createSeedWorld({ seed: 7, issues: 300, now: NOW });
    const b = createSeedWorld({ seed: 7, issues: 300, now: NOW });
    const c = createSeedWorld({ seed: 8, issues: 300, now: NOW });
    expect(sample(a)).toBe(sample(b));
    expect(sample(a)).not.toBe(sample(c));
  });

  it('generates the requested counts and the default of 2000', () => {
    expect(world.issues).toHaveLength(2000);
    expect(createSeedWorld({ seed: 1, issues: 0, now: NOW }).issues).toHaveLength(0);
    expect(createSeedWorld({ seed: 1, now: NOW }).issues).toHaveLength(2000);
    expect(world.queues.length).toBeGreaterThanOrEqual(6);
    expect(world.queues.length).toBeLessThanOrEqual(8);
    expect(world.comments.length).toBeGreaterThan(2000);
    expect(world.links.length).toBeGreaterThan(100);
    expect(world.worklogs.length).toBeGreaterThan(50);
    expect(world.attachments.length).toBeGreaterThan(50);
  });

  it('serves a Yandex 360 org and a Cloud org', () => {
    expect(world.orgs.map((o) => o.kind)).toEqual(['360', 'cloud']);
    expect(world.orgs[0]?.id).toMatch(/^\d{7}$/);
    expect(world.orgs[1]?.id).toMatch(/^[a-z0-9]{15,25}$/);
    const custom = [{ id: '1', kind: '360' as const, name: 'X' }];
    expect(createSeedWorld({ seed: 1, issues: 1, now: NOW, orgs: custom }).orgs).toEqual(custom);
  });

  it('has ~25 users with 16-digit uids, the demo user, a dismissed and an unlicensed one', () => {
    const { users } = world;
    expect(users.length).toBeGreaterThanOrEqual(20);
    expect(new Set(users.map((u) => u.uid)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.login)).size).toBe(users.length);
    for (const u of users) {
      expect(String(u.uid)).toMatch(/^\d{16}$/);
      expect(u.email).toContain('@');
      expect(u.display.ru).toMatch(/[А-Яа-яЁё]/);
      expect(u.display.en).toMatch(/^[A-Za-z]+ [A-Za-z]+$/);
    }
    const demo = users.find((u) => u.uid === DEMO_USER.uid);
    expect(demo?.login).toBe(DEMO_USER.login);
    expect(world.demoUid).toBe(DEMO_USER.uid);
    expect(users.filter((u) => u.dismissed)).toHaveLength(1);
    expect(users.filter((u) => !u.hasLicense)).toHaveLength(1);
  });

  it('has the dictionaries with ru/en names', () => {
    const keys = (items: readonly { key: string }[]) => items.map((i) => i.key);
    expect(keys(world.statuses)).toEqual(
      expect.arrayContaining([
        'open',
        'inProgress',
        'needInfo',
        'inReview',
        'testing',
        'resolved',
        'closed',
      ]),
    );
    expect(new Set(world.statuses.map((s) => s.type))).toEqual(
      new Set(['new', 'inProgress', 'paused', 'done', 'cancelled']),
    );
    expect(keys(world.priorities)).toEqual(['trivial', 'minor', 'normal', 'critical', 'blocker']);
    expect(keys(world.issueTypes)).toEqual(['bug', 'task', 'improvement', 'epic', 'story']);
    expect(keys(world.resolutions)).toEqual([
      'fixed',
      'wontFix',
      'duplicate',
      'cantReproduce',
      'later',
    ]);
    expect(world.linkTypes.map((l) => l.id).sort()).toEqual([
      'depends',
      'duplicates',
      'epic',
      'relates',
      'subtask',
    ]);
    for (const s of world.statuses) expect(s.name.ru).not.toBe(s.name.en);
  });

  it('has workflows whose resolving transitions are exactly those into done/cancelled statuses', () => {
    const typeOf = new Map(world.statuses.map((s) => [s.key, s.type]));
    expect(world.workflows.length).toBeGreaterThanOrEqual(2);
    const dev = world.workflows.find((w) => w.id === 'dev');
    expect(dev?.transitions.map((t) => t.id)).toEqual(
      expect.arrayContaining([
        'start_progress',
        'stop_progress',
        'need_info',
        'provide_info',
        'send_review',
        'resolve',
        'close',
        'reopen',
      ]),
    );
    for (const wf of world.workflows) {
      expect(new Set(wf.transitions.map((t) => t.id)).size).toBe(wf.transitions.length);
      for (const t of wf.transitions) {
        expect(t.resolves).toBe(isResolvedType(typeOf.get(t.to) ?? 'new'));
        for (const s of [...t.from, t.to]) expect(typeOf.has(s)).toBe(true);
        expect(t.display.ru).toMatch(/[А-Яа-я]/);
      }
    }
  });

  it('has queues with teams, workflows and local fields owned by them', () => {
    const userIds = new Set(world.users.map((u) => u.uid));
    for (const q of world.queues) {
      expect(q.key).toMatch(/^[A-Z]+$/);
      expect(userIds.has(q.leadUid)).toBe(true);
      expect(q.teamUids.every((uid) => userIds.has(uid))).toBe(true);
      expect(world.workflows.some((w) => w.id === q.workflowId)).toBe(true);
      expect(q.issueTypes).toContain(q.defaultType);
    }
    const local = world.fields.filter((f) => f.queueKey);
    expect(local.length).toBeGreaterThanOrEqual(3);
    for (const f of local) expect(f.id).toMatch(new RegExp(`^[0-9a-f]{24}--${f.key}$`));
    const global = world.fields.filter((f) => !f.queueKey).map((f) => f.id);
    expect(global).toEqual(
      expect.arrayContaining([
        'summary',
        'description',
        'assignee',
        'followers',
        'tags',
        'priority',
        'type',
        'status',
        'resolution',
        'deadline',
        'storyPoints',
      ]),
    );
  });

  it('has boards with columns, dated sprints and saved filters', () => {
    expect(world.boards.length).toBeGreaterThanOrEqual(2);
    for (const b of world.boards) expect(b.columns.length).toBeGreaterThan(1);
    for (const s of world.sprints) {
      expect(s.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.endDate > s.startDate).toBe(true);
    }
    const current = world.sprints.filter((s) => s.status === 'in_progress');
    expect(current.length).toBeGreaterThan(0);
    expect(world.filters.length).toBeGreaterThanOrEqual(3);
  });
});

describe('createSeedWorld: issues', () => {
  it('keeps keys unique (aliases included) and numbered in creation order per queue', () => {
    const all = world.issues.flatMap((i) => [i.key, ...i.aliases]);
    expect(new Set(all).size).toBe(all.length);
    const lastNumber = new Map<string, number>();
    for (const issue of world.issues) {
      expect(issue.key.startsWith(`${issue.queueKey}-`)).toBe(true);
      const n = Number(issue.key.split('-')[1]);
      expect(n).toBeGreaterThan(lastNumber.get(issue.queueKey) ?? 0);
      lastNumber.set(issue.queueKey, n);
      expect(issue.id).toMatch(/^[0-9a-f]{24}$/);
    }
    expect(world.issues.some((i) => i.aliases.length > 0)).toBe(true);
  });

  it('keeps every status in the queue workflow and resolution iff the status is resolved', () => {
    const typeOf = new Map(world.statuses.map((s) => [s.key, s.type]));
    const statusesOf = new Map(
      world.queues.map((q) => [
        q.key,
        workflowStatuses(world.workflows.find((w) => w.id === q.workflowId)!),
      ]),
    );
    const resolutions = new Set(world.resolutions.map((r) => r.key));
    for (const issue of world.issues) {
      expect(statusesOf.get(issue.queueKey)).toContain(issue.statusKey);
      const resolved = isResolvedType(typeOf.get(issue.statusKey) ?? 'new');
      expect(issue.resolutionKey !== null).toBe(resolved);
      if (issue.resolutionKey) expect(resolutions.has(issue.resolutionKey)).toBe(true);
      expect(world.queues.find((q) => q.key === issue.queueKey)?.issueTypes).toContain(
        issue.typeKey,
      );
    }
    expect(new Set(world.issues.map((i) => i.statusKey)).size).toBeGreaterThanOrEqual(5);
  });

  it('spreads creation over two years with recent activity', () => {
    for (let i = 1; i < world.issues.length; i++) {
      expect(world.issues[i]!.createdAt).toBeGreaterThanOrEqual(world.issues[i - 1]!.createdAt);
    }
    for (const issue of world.issues) {
      expect(issue.createdAt).toBeGreaterThanOrEqual(NOW - 731 * DAY);
      expect(issue.updatedAt).toBeGreaterThanOrEqual(issue.createdAt);
      expect(issue.updatedAt).toBeLessThanOrEqual(NOW);
    }
    expect(share((i) => i.createdAt < NOW - 365 * DAY)).toBeGreaterThan(0.2);
    expect(share((i) => i.updatedAt > NOW - 7 * DAY)).toBeGreaterThan(0.02);
    expect(share((i) => i.updatedAt > NOW - DAY)).toBeGreaterThan(0);
  });

  it('gives the demo user assigned, authored, followed, pending and favourite issues', () => {
    const demo = DEMO_USER.uid;
    const assigned = share((i) => i.assigneeUid === demo);
    expect(assigned).toBeGreaterThan(0.05);
    expect(assigned).toBeLessThan(0.12);
    expect(share((i) => i.assigneeUid === demo && i.resolutionKey === null)).toBeGreaterThan(0);
    expect(share((i) => i.authorUid === demo)).toBeGreaterThan(0.03);
    expect(share((i) => i.followerUids.includes(demo))).toBeGreaterThan(0.05);
    expect(share((i) => i.pendingReplyUids.includes(demo))).toBeGreaterThan(0.005);
    expect(share((i) => i.favoritedByUids.includes(demo))).toBeGreaterThan(0.005);
    expect(share((i) => i.assigneeUid === null)).toBeGreaterThan(0.01);
    expect(share((i) => i.tags.length > 0)).toBeGreaterThan(0.3);
    expect(share((i) => i.parentKey !== null)).toBeGreaterThan(0.03);
  });

  it('mixes Russian and English text', () => {
    const ru = share((i) => /[А-Яа-яЁё]/.test(i.summary));
    expect(ru).toBeGreaterThan(0.3);
    expect(ru).toBeLessThan(0.8);
    expect(world.comments.some((c) => /[А-Яа-я]/.test(c.text))).toBe(true);
    expect(world.comments.some((c) => /^[\x20-\x7e\n—]+$/.test(c.text))).toBe(true);
  });

  it('uses the YFM constructs across descriptions', () => {
    const text = world.issues.map((i) => i.description).join('\n\n');
    for (const construct of [
      '#|\n||',
      '||\n|#',
      '|---|',
      '{% cut "',
      '{% endcut %}',
      '{% note ',
      '{% endnote %}',
      '- [ ] ',
      '- [x] ',
      '{red}(',
      '](https://',
      '## ',
    ]) {
      expect(text).toContain(construct);
    }
    expect(text).toMatch(/```(ts|json|bash|sql|yaml|kotlin)\n/);
    expect(text).toMatch(/@[a-z]+\.[a-z]+/);
    const keys = new Set(world.issues.map((i) => i.key));
    const referenced = [...text.matchAll(/\b([A-Z]+-\d+)\b/g)].map((m) => m[1]!);
    expect(referenced.some((k) => keys.has(k))).toBe(true);
    expect(share((i) => i.description === '')).toBeGreaterThan(0);
  });

  it('shows inline images that are attachments of the same issue', () => {
    let images = 0;
    for (const issue of world.issues) {
      for (const m of issue.description.matchAll(
        /!\[([^\]]+)\]\(\/ajax\/v2\/attachments\/(\d+)\?inline=true\)/g,
      )) {
        const att = world.attachments.find((a) => a.id === Number(m[2]));
        expect(att?.issueKey).toBe(issue.key);
        expect(att?.mimetype).toBe('image/png');
        images++;
      }
    }
    expect(images).toBeGreaterThan(0);
  });

  it('stores real attachment bytes, some on comments', () => {
    const png = world.attachments.find((a) => a.mimetype === 'image/png')!;
    expect([...png.content.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(imageSize(png.content)?.width).toBeGreaterThan(0);
    const json = world.attachments.find((a) => a.mimetype === 'application/json')!;
    expect(() => JSON.parse(new TextDecoder().decode(json.content))).not.toThrow();
    const onComments = world.attachments.filter((a) => a.commentId !== null);
    expect(onComments.length).toBeGreaterThan(0);
    for (const a of onComments) {
      const comment = world.comments.find((c) => c.id === a.commentId);
      expect(comment?.issueKey).toBe(a.issueKey);
      expect(comment?.attachmentIds).toContain(a.id);
    }
  });

  it('keeps extra values to global extras and local fields of the own queue', () => {
    const localOf = new Map(world.fields.filter((f) => f.queueKey).map((f) => [f.id, f.queueKey]));
    for (const issue of world.issues) {
      for (const id of Object.keys(issue.extra)) {
        if (id.includes('--')) expect(localOf.get(id)).toBe(issue.queueKey);
        else expect(['deadline', 'start', 'storyPoints']).toContain(id);
      }
    }
    expect(share((i) => Object.keys(i.extra).some((k) => k.includes('--')))).toBeGreaterThan(0.2);
  });

  it('generates 100k issues', { timeout: 60_000 }, () => {
    const big = createSeedWorld({ seed: 3, issues: 100_000, now: NOW });
    expect(big.issues).toHaveLength(100_000);
    expect(big.issues.at(-1)?.key).toMatch(/^[A-Z]+-\d+$/);
    expect(big.comments.length).toBeGreaterThan(100_000);
  });
});
