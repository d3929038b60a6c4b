/**
 * The hostile-content corpus: its shape, that the seed adds it only when asked (leaving the regular
 * world untouched), and that the demo user reaches every payload issue over the API byte-for-byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVIL_HOST,
  HOSTILE_PAYLOADS,
  HOSTILE_QUEUE_KEY,
  PWNED_GLOBAL,
  hostileIssues,
  hostileSummary,
} from '../../../../main/emulator/hostile.ts';
import { DEMO_USER, createSeedWorld } from '../../../../main/emulator/seed/index.ts';
import type { SeedWorld } from '../../../../main/emulator/seed/index.ts';
import { startEmulator, type Emulator } from '../../../../main/emulator/server.ts';
import { openDemoWorkspace } from '../../../../main/workspace/demo.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';
import { at, client, keysOf, list, manualClock, obj, type Call } from './http/client.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const corpus = hostileIssues();
const plain = createSeedWorld({ seed: 3, issues: 400, now: NOW });
const hostile = createSeedWorld({ seed: 3, issues: 400, now: NOW, hostileCorpus: true });

/** Everything of a world except what the corpus adds, for comparing worlds. */
function fingerprint(w: SeedWorld): string {
  return JSON.stringify({
    issues: w.issues,
    comments: w.comments,
    changes: w.changes,
    links: w.links,
    worklogs: w.worklogs,
    attachments: w.attachments.map((a) => ({ ...a, content: [...a.content] })),
    queues: w.queues,
    boards: w.boards,
    sprints: w.sprints,
    filters: w.filters,
    counters: w.counters,
  });
}

describe('hostile corpus', () => {
  it('has at least 25 payloads with unique kebab-case ids and labels', () => {
    expect(HOSTILE_PAYLOADS.length).toBeGreaterThanOrEqual(25);
    const ids = HOSTILE_PAYLOADS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of HOSTILE_PAYLOADS) {
      expect(p.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(p.label.trim()).not.toBe('');
      expect(p.text.trim()).not.toBe('');
    }
  });

  it('covers every attack family the journey checks', () => {
    const all = HOSTILE_PAYLOADS.map((p) => p.text).join('\n');
    for (const needle of [
      '<script',
      'onerror=',
      'onload=',
      'ontoggle=',
      '](javascript:',
      '<javascript:',
      'vbscript:',
      'data:text/html',
      '<iframe',
      '<object',
      '<embed',
      'http-equiv="refresh"',
      '<base href',
      '<form action',
      'rel="stylesheet"',
      '@import',
      'style="background-image:url(',
      `![x](https://${EVIL_HOST}/`,
      `<img src="//${EVIL_HOST}`,
      'srcset=',
      '<use href=',
      '<noscript><p title="</noscript>',
      '<math><mtext><table><mglyph><style>',
      "{{constructor.constructor('",
      '{% cut "title<img src=x onerror=alert(1)>" %}',
      '{% note ',
      '{red}(',
      '@alex.smirnov"',
      '#|',
      '```"><img src=x onerror=alert(1)>',
      'jav&#x09;ascript:',
      '\u200b',
    ]) {
      expect(all, needle).toContain(needle);
    }
    const categories = new Set(HOSTILE_PAYLOADS.map((p) => p.category));
    expect([...categories].sort()).toEqual(
      ['css', 'html', 'markdown', 'mxss', 'template', 'unicode', 'yfm'].sort(),
    );
  });

  it('names no remote host but evil.example, and every payload carries a detectable marker', () => {
    for (const p of HOSTILE_PAYLOADS) {
      for (const match of p.text.matchAll(/(?:https?:)?\/\/([a-z0-9.-]+)/gi)) {
        expect(match[1], `${p.id}: ${match[0]}`).toBe(EVIL_HOST);
      }
      const marked =
        p.text.includes(PWNED_GLOBAL) ||
        p.text.includes('alert(1)') ||
        p.text.includes(EVIL_HOST) ||
        p.text.includes('msgbox(1)') ||
        [...p.text.matchAll(/;base64,([A-Za-z0-9+/=]+)/g)].some((m) =>
          atob(m[1]!).includes(PWNED_GLOBAL),
        );
      expect(marked, p.id).toBe(true);
    }
  });

  it('lists HOSTILE-1… in corpus order with one-line summaries holding the first line', () => {
    expect(corpus.map((c) => c.key)).toEqual(
      HOSTILE_PAYLOADS.map((_, i) => `${HOSTILE_QUEUE_KEY}-${i + 1}`),
    );
    expect(corpus.map((c) => c.payload)).toEqual(HOSTILE_PAYLOADS);
    for (const { payload } of corpus) {
      const summary = hostileSummary(payload);
      expect(summary).not.toContain('\n');
      expect(summary.startsWith(`[${payload.id}] `)).toBe(true);
      if (!/\s{2}|\n|\t/.test(payload.text.trim())) {
        expect(summary).toBe(`[${payload.id}] ${payload.text.trim()}`);
      }
    }
  });
});

describe('seeding the corpus', () => {
  it('is off by default: no HOSTILE queue, and false is the same world as absent', () => {
    expect(plain.queues.some((q) => q.key === HOSTILE_QUEUE_KEY)).toBe(false);
    expect(plain.issues.some((i) => i.queueKey === HOSTILE_QUEUE_KEY)).toBe(false);
    const off = createSeedWorld({ seed: 3, issues: 400, now: NOW, hostileCorpus: false });
    expect(fingerprint(off)).toBe(fingerprint(plain));
  });

  it('leaves the regular issues, links, worklogs and plans of the world unchanged', () => {
    const regular = hostile.issues.filter((i) => i.queueKey !== HOSTILE_QUEUE_KEY);
    expect(JSON.stringify(regular)).toBe(JSON.stringify(plain.issues));
    expect(hostile.links).toEqual(plain.links);
    expect(hostile.worklogs).toEqual(plain.worklogs);
    expect(hostile.boards).toEqual(plain.boards);
    expect(hostile.sprints).toEqual(plain.sprints);
    expect(hostile.filters).toEqual(plain.filters);
    expect(hostile.queues.slice(0, -1)).toEqual(plain.queues);
    const texts = (w: SeedWorld) =>
      w.comments
        .filter((c) => !c.issueKey.startsWith(`${HOSTILE_QUEUE_KEY}-`))
        .map((c) => `${c.issueKey}\u0000${c.createdAt}\u0000${c.text}`);
    expect(texts(hostile)).toEqual(texts(plain));
  });

  it('is deterministic', () => {
    const again = createSeedWorld({ seed: 3, issues: 400, now: NOW, hostileCorpus: true });
    expect(fingerprint(again)).toBe(fingerprint(hostile));
  });

  it('adds the HOSTILE queue with ru/en names, the demo user on its team', () => {
    const queue = hostile.queues.find((q) => q.key === HOSTILE_QUEUE_KEY);
    expect(queue).toBeDefined();
    expect(queue?.id).toBe(plain.queues.length + 1);
    expect(queue?.name.ru).toMatch(/[А-Яа-яЁё]/);
    expect(queue?.name.en).toMatch(/^[A-Za-z ]+$/);
    expect(queue?.teamUids).toContain(DEMO_USER.uid);
    expect(queue?.leadUid).not.toBe(DEMO_USER.uid);
    expect(hostile.workflows.some((w) => w.id === queue?.workflowId)).toBe(true);
  });

  it('files one open issue per payload, assigned to the demo user, payload byte-for-byte', () => {
    const issues = hostile.issues.filter((i) => i.queueKey === HOSTILE_QUEUE_KEY);
    expect(issues.map((i) => i.key)).toEqual(corpus.map((c) => c.key));
    for (const [n, issue] of issues.entries()) {
      const payload = corpus[n]!.payload;
      expect(issue.summary).toBe(hostileSummary(payload));
      expect(issue.description).toBe(payload.text);
      expect(issue.assigneeUid).toBe(DEMO_USER.uid);
      expect(issue.resolutionKey).toBeNull();
      expect(issue.createdAt).toBeLessThanOrEqual(NOW);
      const comments = hostile.comments.filter((c) => c.issueKey === issue.key);
      expect(comments.map((c) => c.text)).toEqual([payload.text]);
      expect(issue.lastCommentUpdatedAt).toBe(comments[0]?.createdAt);
      const changes = hostile.changes.filter((c) => c.issueKey === issue.key);
      expect(changes.map((c) => c.type)).toEqual(['IssueCreated', 'IssueCommentAdded']);
      expect(changes[1]?.commentId).toBe(comments[0]?.id);
      expect(issue.version).toBe(changes.length);
    }
  });

  it('keeps the world invariants: creation order, comment ids and changelog seq in time order', () => {
    for (let i = 1; i < hostile.issues.length; i++) {
      expect(hostile.issues[i]!.createdAt).toBeGreaterThanOrEqual(hostile.issues[i - 1]!.createdAt);
    }
    for (let i = 1; i < hostile.comments.length; i++) {
      const [a, b] = [hostile.comments[i - 1]!, hostile.comments[i]!];
      expect(b.id).toBe(a.id + 1);
      expect(b.createdAt).toBeGreaterThanOrEqual(a.createdAt);
    }
    for (let i = 1; i < hostile.changes.length; i++) {
      expect(hostile.changes[i]!.seq).toBe(hostile.changes[i - 1]!.seq + 1);
      expect(hostile.changes[i]!.updatedAt).toBeGreaterThanOrEqual(
        hostile.changes[i - 1]!.updatedAt,
      );
    }
    expect(new Set(hostile.issues.map((i) => i.id)).size).toBe(hostile.issues.length);
    expect(hostile.counters.nextCommentId).toBe(hostile.comments.at(-1)!.id + 1);
  });

  it('still files the corpus in an empty world', () => {
    const empty = createSeedWorld({ seed: 1, issues: 0, now: NOW, hostileCorpus: true });
    expect(empty.issues.map((i) => i.key)).toEqual(corpus.map((c) => c.key));
  });
});

describe('the corpus over the API, as the demo user', () => {
  let emulator: Emulator;
  let call: Call;

  beforeAll(async () => {
    emulator = await startEmulator({
      issues: 200,
      seed: 1,
      clock: manualClock().read,
      hostileCorpus: true,
    });
    call = client(emulator);
  });
  afterAll(() => emulator.close());

  it('finds every payload issue with the sync queries (Assignee: me(), open)', async () => {
    for (const query of ['Assignee: me()', 'Assignee: me() Resolution: empty()']) {
      const reply = await call('/issues/_search?perPage=1000', { method: 'POST', body: { query } });
      expect(reply.status, reply.text).toBe(200);
      const keys = keysOf(reply);
      for (const { key } of corpus) expect(keys, `${query}: ${key}`).toContain(key);
    }
  });

  it('serves the queue and each summary, description and comment byte-for-byte', async () => {
    const queue = await call(`/queues/${HOSTILE_QUEUE_KEY}`);
    expect(queue.status, queue.text).toBe(200);
    const reply = await call('/issues/_search?perPage=1000', {
      method: 'POST',
      body: { filter: { queue: HOSTILE_QUEUE_KEY } },
    });
    expect(reply.status, reply.text).toBe(200);
    const served = new Map(list(reply.body).map((issue) => [String(issue.key), issue]));
    expect([...served.keys()].sort()).toEqual(corpus.map((c) => c.key).sort());
    for (const { key, payload } of corpus) {
      const issue = obj(served.get(key));
      expect(issue.summary).toBe(hostileSummary(payload));
      expect(issue.description).toBe(payload.text);
      expect(at(issue, 'assignee', 'id')).toBe(String(DEMO_USER.uid));
      const comments = await call(`/issues/${key}/comments`);
      expect(comments.status, comments.text).toBe(200);
      expect(list(comments.body).map((c) => c.text)).toEqual([payload.text]);
    }
  });
});

describe('the demo workspace switch', () => {
  it('seeds the corpus only when the demo options ask for it', async () => {
    const log = createRecordingLogger();
    const base = { log, language: () => 'en' as const, issues: 30, activity: 0 };
    const marked = await openDemoWorkspace({
      ...base,
      fetch: globalThis.fetch,
      hostileCorpus: true,
    });
    const regular = await openDemoWorkspace({ ...base, fetch: globalThis.fetch });
    try {
      expect(marked.emulator.store.queue(HOSTILE_QUEUE_KEY)).toBeDefined();
      expect(regular.emulator.store.queue(HOSTILE_QUEUE_KEY)).toBeUndefined();
      const found = await marked.client.issues.count({ query: 'Assignee: me() Queue: HOSTILE' });
      expect(found).toBe(corpus.length);
    } finally {
      await Promise.all([marked.close(), regular.close()]);
    }
  });
});
