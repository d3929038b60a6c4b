/**
 * Comments (cursor pagination, create/edit/delete), transitions (list/execute) and the changelog
 * through the real client against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  NotFoundError,
  VersionConflictError,
  type Comment,
  type Page,
} from '../../../../../main/api/index.ts';
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

/** The stored issue with the most of something. */
function issueWithMost(count: (key: string) => number): string {
  let best = '';
  let most = -1;
  for (const issue of emulator.store.allIssues()) {
    const n = count(issue.key);
    if (n > most) [best, most] = [issue.key, n];
  }
  return best;
}

describe('comments', () => {
  it('lists every comment across cursor pages, oldest first', async () => {
    const key = issueWithMost((k) => emulator.store.comments(k).length);
    const stored = emulator.store.comments(key);
    expect(stored.length).toBeGreaterThan(3);
    const pages: Page<Comment>[] = [];
    for await (const page of api.client.comments.list(key, { perPage: 3 })) pages.push(page);
    expect(pages).toHaveLength(Math.ceil(stored.length / 3));
    const comments = pages.flatMap((p) => p.items);
    expect(comments.map((c) => c.id)).toEqual(stored.map((c) => String(c.id)));
    expect(comments.map((c) => c.longId)).toEqual(stored.map((c) => c.longId));
    expect(comments.map((c) => c.text)).toEqual(stored.map((c) => c.text));
    expect(comments.map((c) => c.createdAt)).toEqual(stored.map((c) => c.createdAt));
    expect(comments.map((c) => c.createdBy?.id)).toEqual(stored.map((c) => String(c.authorUid)));
    // Pages after the first continue after the last id seen.
    const listCalls = requestsTo(api.sent, `issues/${key}/comments`, 'GET');
    expect(listCalls.slice(1).map((r) => r.url.searchParams.get('id'))).toEqual(
      pages.slice(0, -1).map((p) => p.items.at(-1)?.id),
    );
  });

  it('creates, edits (by id and longId) and deletes a comment', async () => {
    const stored = emulator.store.allIssues()[20];
    if (!stored) throw new Error('no issues');
    const key = stored.key;
    const summonee = emulator.store.users()[2];
    if (!summonee) throw new Error('no users');
    const count = emulator.store.comments(key).length;
    const created = await api.client.comments.create(key, {
      text: 'Hello from the e2e test',
      summonees: [summonee.login],
    });
    expect(created.text).toBe('Hello from the e2e test');
    expect(created.createdBy?.id).toBe(String(emulator.store.demoUid));
    expect(created.summonees.map((s) => s.id)).toEqual([String(summonee.uid)]);
    expect(created.version).toBe(1);
    expect(emulator.store.comments(key)).toHaveLength(count + 1);
    expect(emulator.store.comment(key, created.id)?.text).toBe('Hello from the e2e test');

    const edited = await api.client.comments.edit(key, created.id, { text: 'Edited once' });
    expect(edited.text).toBe('Edited once');
    expect(edited.version).toBe(2);
    const byLongId = await api.client.comments.edit(key, created.longId ?? '', {
      text: 'Edited twice',
    });
    expect(byLongId.id).toBe(created.id);
    expect(emulator.store.comment(key, created.id)?.text).toBe('Edited twice');

    const listed = await api.client.comments.list(key).toArray();
    expect(listed.at(-1)).toMatchObject({ id: created.id, text: 'Edited twice' });

    await api.client.comments.delete(key, created.id);
    expect(emulator.store.comment(key, created.id)).toBeUndefined();
    expect(emulator.store.comments(key)).toHaveLength(count);
    const gone = await apiFailure(api.client.comments.delete(key, created.id));
    expect(gone).toBeInstanceOf(NotFoundError);
  });

  it("refuses to edit someone else's comment (403)", async () => {
    const foreign = emulator.store
      .allIssues()
      .flatMap((i) => emulator.store.comments(i.key))
      .find((c) => c.authorUid !== emulator.store.demoUid);
    if (!foreign) throw new Error('seed has no foreign comments');
    const error = await apiFailure(
      api.client.comments.edit(foreign.issueKey, foreign.id, { text: 'Not mine' }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(emulator.store.comment(foreign.issueKey, foreign.id)?.text).toBe(foreign.text);
  });
});

/** A transition that sets no resolution and cannot be taken twice in a row. */
function plain(t: { resolves: boolean; from: readonly string[]; to: string }): boolean {
  return !t.resolves && !t.from.includes(t.to);
}

describe('transitions', () => {
  it('lists the transitions of the current status and executes one', async () => {
    const stored = emulator.store
      .allIssues()
      .find(
        (i) =>
          i.queueKey !== 'SYNC' &&
          emulator.store.transitions(i.key).some((t) => plain(t) && t.to !== i.statusKey),
      );
    if (!stored) throw new Error('no issue with a plain transition');
    const key = stored.key;
    const available = await api.client.transitions.list(key);
    const expected = emulator.store.transitions(key);
    expect(available.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    expect(available.map((t) => t.to?.key)).toEqual(expected.map((t) => t.to));
    expect(available.map((t) => t.display)).toEqual(expected.map((t) => t.display.en));

    const pick = expected.find((t) => plain(t) && t.to !== stored.statusKey);
    if (!pick) throw new Error('unreachable');
    const versionBefore = stored.version;
    const next = await api.client.transitions.execute(key, pick.id, {
      comment: 'Moved on by the e2e test',
    });
    expect(emulator.store.getIssue(key)?.statusKey).toBe(pick.to);
    expect(emulator.store.getIssue(key)?.version).toBe(versionBefore + 1);
    expect(next.map((t) => t.id)).toEqual(emulator.store.transitions(key).map((t) => t.id));
    expect(emulator.store.comments(key).at(-1)?.text).toBe('Moved on by the e2e test');
    // Executing it again from the new status is refused (409), and not retried.
    expect(pick.from).not.toContain(pick.to);
    const error = await apiFailure(api.client.transitions.execute(key, pick.id));
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(requestsTo(api.sent, `issues/${key}/transitions/${pick.id}/_execute`)).toHaveLength(2);
  });

  it('resolves with a resolution', async () => {
    const stored = emulator.store
      .allIssues()
      .find((i) => emulator.store.transitions(i.key).some((t) => t.resolves));
    if (!stored) throw new Error('no resolvable issue');
    const resolving = emulator.store.transitions(stored.key).find((t) => t.resolves);
    const resolution = emulator.store.resolutions()[1];
    if (!resolving || !resolution) throw new Error('unreachable');
    await api.client.transitions.execute(stored.key, resolving.id, {
      resolution: resolution.key,
    });
    const issue = await api.client.issues.get(stored.key);
    expect(issue.status?.key).toBe(resolving.to);
    expect(issue.resolution?.key).toBe(resolution.key);
    expect(emulator.store.getIssue(stored.key)?.resolutionKey).toBe(resolution.key);
  });
});

describe('changelog', () => {
  it('walks the whole history across cursor pages', async () => {
    const key = issueWithMost((k) => emulator.store.changelog(k).length);
    const stored = emulator.store.changelog(key);
    const entries = await api.client.changelog.list(key, { perPage: 4 }).toArray();
    expect(entries.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    expect(entries.map((e) => e.type)).toEqual(stored.map((e) => e.type));
    expect(entries.map((e) => e.updatedAt)).toEqual(stored.map((e) => e.updatedAt));
    expect(entries.map((e) => e.fields.map((f) => f.field.id))).toEqual(
      stored.map((e) => e.fields.map((f) => f.field)),
    );
    expect(entries.every((e) => e.issue?.key === key)).toBe(true);
    expect(requestsTo(api.sent, `issues/${key}/changelog`).length).toBe(
      Math.ceil(stored.length / 4),
    );
  });

  it('filters by type and field, newest first, keeping the filters on every page', async () => {
    const key = issueWithMost(
      (k) => emulator.store.changelog(k).filter((e) => e.type === 'IssueCommentAdded').length,
    );
    const comments = emulator.store.changelog(key).filter((e) => e.type === 'IssueCommentAdded');
    const byType = await api.client.changelog
      .list(key, { type: 'IssueCommentAdded', sort: 'desc', perPage: 2 })
      .toArray();
    expect(byType.map((e) => e.id)).toEqual(comments.map((e) => e.id).reverse());
    for (const request of requestsTo(api.sent, `issues/${key}/changelog`)) {
      expect(request.url.searchParams.get('type')).toBe('IssueCommentAdded');
      expect(request.url.searchParams.get('sort')).toBe('desc');
    }
    const statusChanges = emulator.store
      .changelog(key)
      .filter((e) => e.fields.some((f) => f.field === 'status'));
    const byField = await api.client.changelog.list(key, { field: 'status' }).toArray();
    expect(byField.map((e) => e.id)).toEqual(statusChanges.map((e) => e.id));
  });
});
