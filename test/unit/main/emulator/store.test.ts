import { describe, it, expect } from 'vitest';
import { EmulatorError } from '../../../../main/emulator/errors.ts';
import { NOW, errorOf, fixture } from './store-fixture.ts';

describe('EmulatorStore: reads and indexes', () => {
  it('finds issues by key, id and alias, users by uid and login, queues by key and id', () => {
    const { store } = fixture();
    const issues = store.allIssues();
    expect(issues).toHaveLength(300);
    const first = issues[0]!;
    expect(store.getIssue(first.key)).toBe(first);
    expect(store.getIssue(first.id)).toBe(first);
    const moved = issues.find((i) => i.aliases.length > 0);
    if (moved) expect(store.getIssue(moved.aliases[0]!)).toBe(moved);
    expect(store.getIssue('NOPE-1')).toBeUndefined();
    const demo = store.user(store.demoUid)!;
    expect(store.user(demo.login)).toBe(demo);
    expect(store.user(String(demo.uid))).toBe(demo);
    expect(store.queue('DESK')?.key).toBe('DESK');
    expect(store.queue(store.queue('DESK')!.id)?.key).toBe('DESK');
    expect(store.revision).toBe(0);
    expect(store.localFields('DESK').length).toBeGreaterThan(0);
    expect(store.fields().every((f) => !f.queueKey)).toBe(true);
    expect(store.sprints(1).every((s) => s.boardId === 1)).toBe(true);
  });

  it('404s sub-collections of unknown issues', () => {
    const { store } = fixture();
    expect(errorOf(() => store.comments('NOPE-1')).status).toBe(404);
    expect(errorOf(() => store.transitions('NOPE-1')).status).toBe(404);
    expect(errorOf(() => store.changelogAfter('NOPE-1', null, 10)).status).toBe(404);
  });
});

describe('EmulatorStore: createIssue', () => {
  it('creates with the next key, the initial status, version 1 and a changelog entry', () => {
    const { store, demo, ivan, tick } = fixture();
    const maxDesk = Math.max(
      ...store
        .allIssues()
        .flatMap((i) => [i.key, ...i.aliases])
        .filter((k) => k.startsWith('DESK-'))
        .map((k) => Number(k.slice(5))),
    );
    const at = tick();
    const result = store.createIssue(
      {
        queue: { key: 'DESK' },
        summary: 'New',
        type: { name: 'Bug' },
        priority: { id: '4' },
        assignee: String(ivan),
        followers: ['maria.ivanova'],
        tags: ['a'],
        description: '**x**',
      },
      demo,
      at,
    );
    if (!('created' in result)) throw new Error('not created');
    const issue = result.created;
    expect(issue.key).toBe(`DESK-${maxDesk + 1}`);
    expect(issue).toMatchObject({
      statusKey: 'open',
      resolutionKey: null,
      version: 1,
      typeKey: 'bug',
      priorityKey: 'critical',
      assigneeUid: ivan,
      authorUid: demo,
      createdAt: at,
      updatedAt: at,
      tags: ['a'],
      description: '**x**',
    });
    expect(issue.id).toMatch(/^[0-9a-f]{24}$/);
    expect(store.allIssues().at(-1)).toBe(issue);
    expect(store.changelog(issue.key).map((c) => c.type)).toEqual(['IssueCreated']);
    expect(store.revision).toBe(1);
    const byId = store.createIssue(
      { queue: store.queue('SYNC')!.id, summary: 'By id' },
      demo,
      tick(),
    );
    expect('created' in byId && byId.created.typeKey).toBe(store.queue('SYNC')!.defaultType);
  });

  it('is idempotent on unique', () => {
    const { store, demo, tick } = fixture();
    const first = store.createIssue(
      { queue: 'SYNC', summary: 'Once', unique: 'abc-1' },
      demo,
      tick(),
    );
    const again = store.createIssue(
      { queue: 'SYNC', summary: 'Once', unique: 'abc-1' },
      demo,
      tick(),
    );
    if (!('created' in first) || !('duplicate' in again)) throw new Error('unexpected');
    expect(again.duplicate).toBe(first.created);
    expect(store.findByUnique('abc-1')).toBe(first.created);
    expect(store.findByUnique('other')).toBeUndefined();
    expect(store.revision).toBe(1);
  });

  it('validates with Tracker-shaped errors', () => {
    const { store, demo, uid, tick } = fixture();
    const missing = errorOf(() => store.createIssue({ queue: 'DESK' }, demo, tick()));
    expect(missing).toBeInstanceOf(EmulatorError);
    expect(missing.toBody()).toEqual({
      errors: { summary: 'Field is required' },
      errorMessages: [expect.any(String)],
      statusCode: 400,
    });
    expect(errorOf(() => store.createIssue({ summary: 'x' }, demo, tick())).status).toBe(400);
    const cases: [Record<string, unknown>, string][] = [
      [{ queue: 'NOPE' }, 'queue'],
      [{ queue: 'DESK', type: 'nope' }, 'type'],
      [{ queue: 'DOCS', type: 'story' }, 'type'],
      [{ queue: 'DESK', priority: 'urgent' }, 'priority'],
      [{ queue: 'DESK', assignee: 'nobody' }, 'assignee'],
      [{ queue: 'DESK', assignee: 'oleg.volkov' }, 'assignee'],
      [{ queue: 'DESK', followers: ['nobody'] }, 'followers'],
      [{ queue: 'DESK', bogus: 1 }, 'bogus'],
      [{ queue: 'DESK', status: 'closed' }, 'status'],
      [{ queue: 'DESK', attachmentIds: [999999] }, 'attachmentIds'],
    ];
    for (const [body, field] of cases) {
      const error = errorOf(() => store.createIssue({ summary: 'x', ...body }, demo, tick()));
      expect(error.status, field).toBe(422);
      expect(Object.keys(error.errors), field).toContain(field);
    }
    expect(
      errorOf(() =>
        store.createIssue({ queue: 'DESK', summary: 'x' }, uid('guest.auditor'), tick()),
      ).status,
    ).toBe(403);
    expect(store.revision).toBe(0);
  });
});

describe('EmulatorStore: patchIssue', () => {
  it('bumps version by one per write and logs the changed fields', () => {
    const { store, ivan, maria, fresh, tick } = fixture();
    const issue = fresh({ tags: ['a', 'b'], followers: ['ivan.petrov'] });
    const at = tick();
    store.patchIssue(
      issue.key,
      { summary: 'Renamed', priority: { set: 'minor' }, assignee: 'maria.ivanova' },
      { version: 1 },
      ivan,
      at,
    );
    expect(issue).toMatchObject({
      version: 2,
      summary: 'Renamed',
      priorityKey: 'minor',
      assigneeUid: maria,
      updatedAt: at,
      updatedByUid: ivan,
    });
    const entry = store.changelog(issue.key).at(-1)!;
    expect(entry.type).toBe('IssueUpdated');
    expect(entry.fields).toEqual([
      { field: 'summary', from: 'Fixture issue', to: 'Renamed' },
      { field: 'priority', from: 'normal', to: 'minor' },
      { field: 'assignee', from: null, to: maria },
    ]);
    store.patchIssue(
      issue.key,
      {
        followers: { add: ['maria.ivanova'], remove: [String(ivan)] },
        tags: { replace: [{ target: 'a', replacement: 'z' }] },
      },
      {},
      ivan,
      tick(),
    );
    expect(issue.followerUids).toEqual([maria]);
    expect(issue.tags).toEqual(['z', 'b']);
    store.patchIssue(issue.key, { tags: { set: ['q'] }, assignee: null }, {}, ivan, tick());
    expect(issue).toMatchObject({ tags: ['q'], assigneeUid: null, version: 4 });
    store.patchIssue(issue.key, { tags: [] }, {}, ivan, tick());
    expect(issue.tags).toEqual([]);
    expect(store.revision).toBe(5);
  });

  it('refuses stale versions (409), status/resolution (422) and unknown keys (422) without changing anything', () => {
    const { store, ivan, fresh, tick } = fixture();
    const issue = fresh();
    const stale = errorOf(() =>
      store.patchIssue(issue.key, { summary: 'x' }, { version: 0 }, ivan, tick()),
    );
    expect(stale.status).toBe(409);
    expect(
      errorOf(() => store.patchIssue(issue.key, { status: 'closed' }, {}, ivan, tick())).errors,
    ).toHaveProperty('status');
    expect(
      errorOf(() => store.patchIssue(issue.key, { resolution: 'fixed' }, {}, ivan, tick())).status,
    ).toBe(422);
    expect(
      errorOf(() => store.patchIssue(issue.key, { summary: 'ok', nonsense: 1 }, {}, ivan, tick()))
        .status,
    ).toBe(422);
    expect(
      errorOf(() => store.patchIssue(issue.key, { summary: '' }, {}, ivan, tick())).status,
    ).toBe(422);
    expect(errorOf(() => store.patchIssue('NOPE-1', {}, {}, ivan, tick())).status).toBe(404);
    expect(issue).toMatchObject({ summary: 'Fixture issue', version: 1 });
    expect(store.revision).toBe(1);
  });

  it('does not bump anything for a no-op patch', () => {
    const { store, ivan, fresh, tick } = fixture();
    const issue = fresh({ priority: 'minor' });
    store.patchIssue(
      issue.key,
      { priority: 'minor', summary: issue.summary },
      { version: 1 },
      ivan,
      tick(),
    );
    expect(issue.version).toBe(1);
    expect(store.revision).toBe(1);
  });

  it('stores local fields of the own queue and validated global extras in extra', () => {
    const { store, ivan, fresh, tick } = fixture();
    const issue = fresh();
    const platform = store.localFields('DESK').find((f) => f.key === 'platform')!;
    const foreign = store.localFields('SUPPORT')[0]!;
    store.patchIssue(
      issue.key,
      { [platform.id]: 'linux', deadline: '2025-07-01', storyPoints: 5 },
      {},
      ivan,
      tick(),
    );
    expect(issue.extra).toEqual({ [platform.id]: 'linux', deadline: '2025-07-01', storyPoints: 5 });
    expect(
      errorOf(() => store.patchIssue(issue.key, { [foreign.id]: 'x' }, {}, ivan, tick())).status,
    ).toBe(422);
    expect(
      errorOf(() => store.patchIssue(issue.key, { deadline: 'tomorrow' }, {}, ivan, tick())).status,
    ).toBe(422);
    store.patchIssue(issue.key, { deadline: null }, {}, ivan, tick());
    expect(issue.extra).not.toHaveProperty('deadline');
  });

  it('keeps parent and subtask links in step and refuses cycles', () => {
    const { store, ivan, fresh, tick } = fixture();
    const parent = fresh();
    const child = fresh();
    store.patchIssue(child.key, { parent: { key: parent.key } }, {}, ivan, tick());
    expect(child.parentKey).toBe(parent.key);
    expect(parent.version).toBe(2);
    const link = store.links(child.key).find((l) => l.typeId === 'subtask')!;
    expect(link).toMatchObject({ fromKey: parent.key, toKey: child.key });
    expect(store.linkSide(link, child.key)).toEqual({ direction: 'inward', other: parent });
    expect(
      errorOf(() => store.patchIssue(parent.key, { parent: child.key }, {}, ivan, tick())).status,
    ).toBe(422);
    store.patchIssue(child.key, { parent: null }, {}, ivan, tick());
    expect(child.parentKey).toBeNull();
    expect(store.links(parent.key)).toEqual([]);
  });
});

describe('EmulatorStore: moveIssue', () => {
  it('gives a new key in the target queue and keeps the old one as an alias everywhere', () => {
    const { store, demo, ivan, fresh, tick } = fixture();
    const platform = store.localFields('DESK')[0]!;
    const issue = fresh({ type: 'story', [platform.id]: 'windows' });
    store.addComment(issue.key, { text: 'hi' }, demo, tick());
    const oldKey = issue.key;
    const maxDocs = Math.max(
      ...store
        .allIssues()
        .flatMap((i) => [i.key, ...i.aliases])
        .filter((k) => k.startsWith('DOCS-'))
        .map((k) => Number(k.slice(5))),
    );
    store.moveIssue(oldKey, 'DOCS', ivan, tick());
    expect(issue.key).toBe(`DOCS-${maxDocs + 1}`);
    expect(issue.queueKey).toBe('DOCS');
    expect(issue.aliases).toEqual([oldKey]);
    expect(store.getIssue(oldKey)).toBe(issue);
    expect(issue.typeKey).toBe(store.queue('DOCS')!.defaultType);
    expect(issue.extra).toEqual({});
    expect(store.comments(oldKey).every((c) => c.issueKey === issue.key)).toBe(true);
    const log = store.changelog(issue.key);
    expect(log.every((c) => c.issueKey === issue.key)).toBe(true);
    expect(log.at(-1)).toMatchObject({
      type: 'IssueMoved',
      fields: expect.arrayContaining([{ field: 'key', from: oldKey, to: issue.key }]),
    });
    const version = issue.version;
    store.moveIssue(issue.key, 'DOCS', ivan, tick());
    expect(issue.version).toBe(version);
    expect(errorOf(() => store.moveIssue(issue.key, 'NOPE', ivan, tick())).status).toBe(422);
  });

  it('resets a status the target workflow lacks', () => {
    const { store, ivan, fresh, tick } = fixture();
    const issue = fresh();
    store.executeTransition(issue.key, 'start_progress', {}, ivan, tick());
    store.executeTransition(issue.key, 'send_review', {}, ivan, tick());
    store.moveIssue(issue.key, 'INFRA', ivan, tick());
    expect(issue.statusKey).toBe('open');
    expect(store.transitions(issue.key).map((t) => t.id)).toEqual(['start_progress', 'close']);
  });
});

describe('EmulatorStore: revision', () => {
  it('counts successful mutations only', () => {
    const { store, demo, ivan, fresh, tick } = fixture();
    const issue = fresh();
    store.patchIssue(issue.key, { summary: 'a' }, {}, ivan, tick());
    store.addComment(issue.key, { text: 'c' }, demo, tick());
    store.executeTransition(issue.key, 'start_progress', {}, ivan, tick());
    errorOf(() => store.executeTransition(issue.key, 'start_progress', {}, ivan, tick()));
    store.addAttachment(null, { name: 'a.txt', content: new Uint8Array([1]) }, demo, tick());
    expect(store.revision).toBe(5);
    expect(issue.version).toBe(4);
    expect(issue.updatedAt).toBeGreaterThan(NOW);
  });
});
