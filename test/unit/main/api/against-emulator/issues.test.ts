/**
 * Single-issue endpoints through the real client against the emulator: get (with expand), create
 * with `unique` (and the 409 → `_findByUnique` recovery), update with `version`, move, count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '../../../../../main/api/index.ts';
import { FaultInjector, NO_FAULTS } from '../../../../../main/emulator/http/faults.ts';
import {
  apiFailure,
  connect,
  FAST_RETRY,
  instantClock,
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

function record(key: string) {
  const issue = emulator.store.getIssue(key);
  if (!issue) throw new Error(`no issue ${key} in the store`);
  return issue;
}

describe('get', () => {
  it('parses an issue into the normalized shape', async () => {
    const stored = emulator.store.allIssues().find((i) => i.assigneeUid !== null && i.tags.length);
    if (!stored) throw new Error('seed has no assigned, tagged issue');
    const issue = await api.client.issues.get(stored.key);
    expect(issue).toMatchObject({
      id: stored.id,
      key: stored.key,
      version: stored.version,
      summary: stored.summary,
      description: stored.description,
      queue: { key: stored.queueKey },
      status: { key: stored.statusKey },
      type: { key: stored.typeKey },
      priority: { key: stored.priorityKey },
      assignee: { id: String(stored.assigneeUid) },
      createdBy: { id: String(stored.authorUid) },
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
      tags: stored.tags,
    });
    expect(issue.followers.map((f) => f.id)).toEqual(stored.followerUids.map(String));
    expect(issue.status?.display).toBe(emulator.store.status(stored.statusKey)?.name.en);
    expect(issue.transitions).toBeUndefined();
  });

  it('finds an issue by its 24-hex id too', async () => {
    const stored = emulator.store.allIssues()[5];
    if (!stored) throw new Error('no issues');
    expect((await api.client.issues.get(stored.id)).key).toBe(stored.key);
  });

  it('expands transitions and attachments', async () => {
    const stored = emulator.store
      .allIssues()
      .find((i) => emulator.store.attachments(i.key).length > 0);
    if (!stored) throw new Error('seed has no attachments');
    const issue = await api.client.issues.get(stored.key, {
      expand: ['transitions', 'attachments'],
    });
    expect(issue.transitions?.map((t) => t.id)).toEqual(
      emulator.store.transitions(stored.key).map((t) => t.id),
    );
    expect(issue.attachments?.map((a) => a.id)).toEqual(
      emulator.store.attachments(stored.key).map((a) => String(a.id)),
    );
  });

  it('404 for an unknown key', async () => {
    const error = await apiFailure(api.client.issues.get('NOPE-404'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.errorMessages.join(' ')).toContain('NOPE-404');
  });
});

describe('create', () => {
  it('creates with a unique key, and a repeat with the same key is recovered', async () => {
    const queue = emulator.store.queues()[0];
    if (!queue) throw new Error('no queues');
    const before = emulator.store.allIssues().length;
    const unique = `e2e-create-${Date.now()}`;
    const created = await api.client.issues.create(
      { queue: queue.key, summary: 'Created by the e2e test', description: 'Body', tags: ['e2e'] },
      { unique },
    );
    expect(created.recovered).toBe(false);
    expect(created.unique).toBe(unique);
    expect(created.issue.key).toMatch(new RegExp(`^${queue.key}-\\d+$`));
    const stored = record(created.issue.key);
    expect(stored.unique).toBe(unique);
    expect(stored.summary).toBe('Created by the e2e test');
    expect(stored.tags).toEqual(['e2e']);
    expect(created.issue.status?.key).toBe(stored.statusKey);
    expect(emulator.store.allIssues()).toHaveLength(before + 1);

    // As if the first answer had been lost: the same unique again → 409 → _findByUnique.
    const again = await api.client.issues.create(
      { queue: queue.key, summary: 'Created by the e2e test' },
      { unique },
    );
    expect(again).toMatchObject({ recovered: true, unique });
    expect(again.issue.key).toBe(created.issue.key);
    expect(again.issue.id).toBe(created.issue.id);
    expect(emulator.store.allIssues()).toHaveLength(before + 1);
    expect(requestsTo(api.sent, 'issues/_findByUnique')).toHaveLength(1);
    expect(api.sink.text()).toContain('tracker issue create recovered');
  });

  it('a create whose answer was cut off is retried, and the 409 recovered via _findByUnique', async () => {
    // A seed whose fault draws cut off the first answer only: the issue is created, the client
    // cannot read that, repeats the create, gets 409 for the unique key, and looks the issue up.
    const faults = { ...NO_FAULTS, truncated: 0.5 };
    let seed = 1;
    for (; seed < 1000; seed++) {
      const draws = new FaultInjector(faults, seed);
      const kinds = [draws.decide(), draws.decide(), draws.decide()].map((d) => d.kind);
      if (kinds.join() === 'truncate,none,none') break;
    }
    const flaky = await startSmall({ issues: 30, seed, faults });
    try {
      const { client, sent, sink } = connect(flaky, { retry: FAST_RETRY, clock: instantClock() });
      const before = flaky.store.allIssues().length;
      const result = await client.issues.create({ queue: 'DESK', summary: 'Cut off once' });
      expect(result.recovered).toBe(true);
      expect(flaky.store.allIssues()).toHaveLength(before + 1);
      const stored = flaky.store.findByUnique(result.unique);
      expect(stored?.key).toBe(result.issue.key);
      expect(result.issue).toMatchObject({ id: stored?.id, summary: 'Cut off once' });
      expect(sent.map((r) => `${r.method} ${r.url.pathname} ${r.status ?? '-'}`)).toEqual([
        'POST /v3/issues/ 201',
        'POST /v3/issues/ 409',
        'POST /v3/issues/_findByUnique 200',
      ]);
      // The 409 shows the repeat carried the same idempotency key.
      expect(sink.text()).toContain('tracker issue create recovered');
    } finally {
      await flaky.close();
    }
  });

  it('generates a unique key when none is given', async () => {
    const queue = emulator.store.queues()[1];
    if (!queue) throw new Error('no queues');
    const created = await api.client.issues.create({
      queue: queue.key,
      summary: 'No unique given',
    });
    expect(created.unique).toMatch(/^[0-9a-f]{32}$/);
    expect(record(created.issue.key).unique).toBe(created.unique);
  });

  it('findByUnique finds the issue, or gives undefined', async () => {
    const stored = emulator.store.allIssues().find((i) => i.unique !== null);
    if (!stored?.unique) throw new Error('no issue with a unique key');
    expect((await api.client.issues.findByUnique(stored.unique))?.key).toBe(stored.key);
    expect(await api.client.issues.findByUnique('never-used-unique-key')).toBeUndefined();
  });

  it('a create without summary is a ValidationError with the field message', async () => {
    const queue = emulator.store.queues()[0];
    const error = await apiFailure(
      api.client.issues.create({ queue: queue?.key ?? '', summary: '' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(400);
    expect(Object.keys(error.errors)).toContain('summary');
  });
});

describe('update', () => {
  it('patches with the current version and refuses a stale one', async () => {
    const stored = emulator.store.allIssues()[10];
    if (!stored) throw new Error('no issues');
    const current = await api.client.issues.get(stored.key);
    const version = current.version ?? -1;
    const updated = await api.client.issues.update(
      stored.key,
      { summary: 'Renamed by the e2e test' },
      { version },
    );
    expect(updated.summary).toBe('Renamed by the e2e test');
    expect(updated.version).toBe(version + 1);
    expect(record(stored.key).version).toBe(version + 1);

    const stale = await apiFailure(
      api.client.issues.update(stored.key, { summary: 'Lost update' }, { version }),
    );
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect(stale.status).toBe(409);
    expect(record(stored.key).summary).toBe('Renamed by the e2e test');
    // Not retried: one PATCH per call.
    expect(requestsTo(api.sent, `issues/${stored.key}`, 'PATCH')).toHaveLength(2);
  });

  it('patches without a version', async () => {
    const stored = emulator.store.allIssues()[11];
    if (!stored) throw new Error('no issues');
    const updated = await api.client.issues.update(stored.key, { tags: { add: ['patched'] } });
    expect(updated.tags).toContain('patched');
    expect(record(stored.key).tags).toContain('patched');
  });
});

describe('move', () => {
  it('gives a new key and the old one keeps resolving as an alias', async () => {
    const stored = emulator.store.allIssues().find((i) => i.queueKey !== 'INFRA');
    const target = emulator.store.queues().find((q) => q.key !== stored?.queueKey);
    if (!stored || !target) throw new Error('seed too small');
    const oldKey = stored.key;
    const moved = await api.client.issues.move(oldKey, target.key);
    expect(moved.key).toMatch(new RegExp(`^${target.key}-\\d+$`));
    expect(moved.aliases).toContain(oldKey);
    expect(moved.queue?.key).toBe(target.key);
    expect(record(oldKey).key).toBe(moved.key);
    const viaAlias = await api.client.issues.get(oldKey);
    expect(viaAlias.key).toBe(moved.key);
    expect(viaAlias.id).toBe(stored.id);
  });
});

describe('count', () => {
  it('counts like the store for queries and filters', async () => {
    const queue = emulator.store.queues()[2];
    if (!queue) throw new Error('no queues');
    const expected = emulator.store.allIssues().filter((i) => i.queueKey === queue.key).length;
    expect(await api.client.issues.count({ query: `Queue: ${queue.key}` })).toBe(expected);
    expect(await api.client.issues.count({ filter: { queue: queue.key } })).toBe(expected);
    expect(await api.client.issues.count({ queue: queue.key })).toBe(expected);
    expect(await api.client.issues.count({ filter: {} })).toBe(emulator.store.allIssues().length);
  });
});
