import { describe, it, expect } from 'vitest';
import { errorOf, fixture } from './store-fixture.ts';

describe('EmulatorStore: transitions', () => {
  it('lists the transitions of the current status in the queue workflow', () => {
    const { store, fresh } = fixture();
    const issue = fresh();
    expect(store.transitions(issue.key).map((t) => t.id)).toEqual([
      'start_progress',
      'need_info',
      'close',
      'cancel',
    ]);
    const t = store.transitions(issue.key)[0]!;
    expect(t.display).toEqual({ ru: 'Начать работу', en: 'Start progress' });
  });

  it('executes along the workflow, +1 version each, returning the next transitions', () => {
    const { store, ivan, fresh, tick } = fixture();
    const issue = fresh();
    const result = store.executeTransition(issue.key, 'start_progress', {}, ivan, tick());
    expect(result.issue).toBe(issue);
    expect(issue).toMatchObject({
      statusKey: 'inProgress',
      previousStatusKey: 'open',
      version: 2,
      updatedByUid: ivan,
    });
    expect(result.transitions.map((t) => t.id)).toEqual([
      'stop_progress',
      'need_info',
      'send_review',
      'resolve',
      'close',
    ]);
    store.executeTransition(issue.key, 'send_review', {}, ivan, tick());
    store.executeTransition(issue.key, 'start_testing', {}, ivan, tick());
    const resolved = store.executeTransition(issue.key, 'resolve', {}, ivan, tick());
    expect(issue).toMatchObject({ statusKey: 'resolved', resolutionKey: 'fixed', version: 5 });
    expect(resolved.transitions.map((t) => t.id)).toEqual(['close', 'reopen']);
    store.executeTransition(issue.key, 'close', {}, ivan, tick());
    expect(issue).toMatchObject({ statusKey: 'closed', resolutionKey: 'fixed' });
    store.executeTransition(issue.key, 'reopen', {}, ivan, tick());
    expect(issue).toMatchObject({
      statusKey: 'open',
      resolutionKey: null,
      previousStatusKey: 'closed',
      version: 7,
    });
    const workflow = store.changelog(issue.key).filter((c) => c.type === 'IssueWorkflow');
    expect(workflow.map((c) => c.fields.find((f) => f.field === 'status')?.to)).toEqual([
      'inProgress',
      'inReview',
      'testing',
      'resolved',
      'closed',
      'open',
    ]);
    expect(workflow[3]!.fields).toContainEqual({ field: 'resolution', from: null, to: 'fixed' });
    expect(workflow[5]!.fields).toContainEqual({ field: 'resolution', from: 'fixed', to: null });
  });

  it('answers 404 for unknown transitions and 409 for ones unavailable from the status', () => {
    const { store, ivan, fresh, tick } = fixture();
    const issue = fresh();
    expect(
      errorOf(() => store.executeTransition(issue.key, 'teleport', {}, ivan, tick())).status,
    ).toBe(404);
    expect(
      errorOf(() => store.executeTransition(issue.key, 'resolve', {}, ivan, tick())).status,
    ).toBe(409);
    expect(
      errorOf(() => store.executeTransition('NOPE-1', 'resolve', {}, ivan, tick())).status,
    ).toBe(404);
    expect(
      errorOf(() =>
        store.executeTransition(issue.key, 'start_progress', {}, ivan, tick(), { version: 9 }),
      ).status,
    ).toBe(409);
    expect(issue.statusKey).toBe('open');
  });

  it('takes a resolution only on resolving transitions and validates it', () => {
    const { store, ivan, fresh, tick } = fixture();
    const issue = fresh();
    expect(
      errorOf(() =>
        store.executeTransition(issue.key, 'close', { resolution: 'nope' }, ivan, tick()),
      ).errors,
    ).toHaveProperty('resolution');
    expect(
      errorOf(() =>
        store.executeTransition(issue.key, 'start_progress', { resolution: 'fixed' }, ivan, tick()),
      ).status,
    ).toBe(422);
    store.executeTransition(issue.key, 'close', { resolution: { key: 'wontFix' } }, ivan, tick());
    expect(issue).toMatchObject({ statusKey: 'closed', resolutionKey: 'wontFix' });
  });

  it('applies a comment and fields in the same write', () => {
    const { store, ivan, maria, fresh, tick } = fixture();
    const issue = fresh();
    store.executeTransition(
      issue.key,
      'start_progress',
      { comment: 'Taking it', assignee: 'maria.ivanova' },
      ivan,
      tick(),
    );
    expect(issue).toMatchObject({ statusKey: 'inProgress', assigneeUid: maria, version: 2 });
    expect(store.comments(issue.key).map((c) => c.text)).toEqual(['Taking it']);
    expect(issue.lastCommentUpdatedAt).toBe(issue.updatedAt);
    const entries = store.changelog(issue.key).slice(-2);
    expect(entries.map((c) => c.type)).toEqual(['IssueWorkflow', 'IssueCommentAdded']);
    expect(entries[0]!.fields).toContainEqual({ field: 'assignee', from: null, to: maria });
  });

  it('follows the simple and support workflows of their queues', () => {
    const { store, ivan, demo, tick } = fixture();
    const infra = store.createIssue({ queue: 'INFRA', summary: 'x' }, demo, tick());
    const support = store.createIssue({ queue: 'SUPPORT', summary: 'y' }, demo, tick());
    if (!('created' in infra) || !('created' in support)) throw new Error('not created');
    expect(
      errorOf(() => store.executeTransition(infra.created.key, 'send_review', {}, ivan, tick()))
        .status,
    ).toBe(404);
    store.executeTransition(infra.created.key, 'close', {}, ivan, tick());
    expect(infra.created.statusKey).toBe('closed');
    expect(store.transitions(support.created.key).map((t) => t.id)).toEqual([
      'start_progress',
      'close',
    ]);
  });
});

describe('EmulatorStore: errors', () => {
  it('refuses writes by read-only and dismissed users with 403', () => {
    const { store, uid, fresh, tick } = fixture();
    const issue = fresh();
    for (const login of ['guest.auditor', 'oleg.volkov']) {
      const actor = uid(login);
      expect(
        errorOf(() => store.patchIssue(issue.key, { summary: 'x' }, {}, actor, tick())).status,
      ).toBe(403);
      expect(errorOf(() => store.addComment(issue.key, { text: 'x' }, actor, tick())).status).toBe(
        403,
      );
      expect(
        errorOf(() => store.executeTransition(issue.key, 'close', {}, actor, tick())).status,
      ).toBe(403);
    }
    expect(errorOf(() => store.addComment(issue.key, { text: 'x' }, 42, tick())).toBody()).toEqual({
      errors: {},
      errorMessages: [expect.any(String)],
      statusCode: 403,
    });
  });
});
