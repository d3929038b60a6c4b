/**
 * Deriving notification events from sync changes: silence on a first run, who counts as "me",
 * deterministic ids (dedupe across restarts through the idempotent inbox), reassignment away and
 * back as a new event, self-assignment as no news, and the optional comment/status kinds.
 */
import { describe, expect, it } from 'vitest';
import {
  deriveEvents,
  mentions,
  type AddedComment,
  type CommitChanges,
  type IssueChange,
  type IssueSnapshot,
  type NotifyMe,
} from '../../../../main/notify/index.ts';

const ME: NotifyMe = { id: '1001', login: 'me' };
const ANNA = { id: '2002', login: 'anna', display: 'Anna' };
const BORIS = { id: '3003', login: 'boris', display: 'Boris' };
const SELF = { id: '1001', login: 'me', display: 'Me' };
const T0 = 1_750_000_000_000;

function issue(init: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return {
    key: 'TEST-12',
    summary: 'Fix the login page',
    assignee: null,
    status: { key: 'open', display: 'Open' },
    author: BORIS,
    updatedBy: ANNA,
    version: 1,
    updatedAt: T0,
    ...init,
  };
}

const commit = (changes: IssueChange[], run: CommitChanges['run'] = 'incremental') => ({
  run,
  me: ME,
  changes,
});

function comment(init: Partial<AddedComment> = {}): AddedComment {
  return { id: '77', author: ANNA, text: 'Looks good', createdAt: T0 + 5, ...init };
}

describe('assigned events', () => {
  it('reports a reassignment to me with a deterministic id, actor and summary', () => {
    const events = deriveEvents(
      commit([
        {
          before: issue({ assignee: BORIS }),
          after: issue({ assignee: { id: '1001' }, version: 2, updatedAt: T0 + 1 }),
        },
      ]),
    );
    expect(events).toEqual([
      {
        id: 'assigned:TEST-12:v2',
        kind: 'assigned',
        issueKey: 'TEST-12',
        summary: 'Fix the login page',
        actor: 'Anna',
        createdAt: T0 + 1,
      },
    ]);
  });

  it('reports an issue assigned from nobody to me', () => {
    const events = deriveEvents(
      commit([{ before: issue(), after: issue({ assignee: { login: 'ME' }, version: 3 }) }]),
    );
    expect(events.map((e) => e.id)).toEqual(['assigned:TEST-12:v3']); // login match ignores case
  });

  it('reports an issue created with me as assignee (new to the cache)', () => {
    const events = deriveEvents(
      commit([{ before: undefined, after: issue({ assignee: SELF, updatedBy: undefined }) }]),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'assigned', actor: 'Boris' }); // the author created it
  });

  it('is silent on a first run (first sync, rebuilt cache, relocalization)', () => {
    const changes = [
      { before: undefined, after: issue({ assignee: SELF }) },
      {
        before: issue({ key: 'TEST-2' }),
        after: issue({ key: 'TEST-2', assignee: SELF, version: 2 }),
      },
    ];
    expect(deriveEvents(commit(changes, 'first'))).toEqual([]);
    expect(deriveEvents(commit(changes, 'incremental'))).toHaveLength(2);
  });

  it('gives the same change the same id every time it is derived (dedupe across restarts)', () => {
    const change = {
      before: issue({ assignee: BORIS }),
      after: issue({ assignee: SELF, version: 5 }),
    };
    const first = deriveEvents(commit([change]));
    const again = deriveEvents(commit([structuredClone(change)]));
    expect(again).toEqual(first);
    expect(first.map((e) => e.id)).toEqual(['assigned:TEST-12:v5']);
  });

  it('gives an issue assigned away and back a new id', () => {
    const toMe = deriveEvents(
      commit([
        { before: issue({ assignee: BORIS }), after: issue({ assignee: SELF, version: 2 }) },
      ]),
    );
    const away = deriveEvents(
      commit([
        {
          before: issue({ assignee: SELF, version: 2 }),
          after: issue({ assignee: BORIS, version: 3 }),
        },
      ]),
    );
    const back = deriveEvents(
      commit([
        {
          before: issue({ assignee: BORIS, version: 3 }),
          after: issue({ assignee: SELF, version: 4 }),
        },
      ]),
    );
    expect(away).toEqual([]);
    expect(toMe.map((e) => e.id)).toEqual(['assigned:TEST-12:v2']);
    expect(back.map((e) => e.id)).toEqual(['assigned:TEST-12:v4']);
  });

  it('falls back to updatedAt in the id when the version is unknown', () => {
    const events = deriveEvents(
      commit([
        {
          before: issue(),
          after: issue({ assignee: SELF, version: undefined, updatedAt: T0 + 9 }),
        },
      ]),
    );
    expect(events[0]?.id).toBe(`assigned:TEST-12:t${T0 + 9}`);
  });

  it('does not report an issue that stays assigned to me', () => {
    const events = deriveEvents(
      commit([
        {
          before: issue({ assignee: SELF }),
          after: issue({ assignee: SELF, version: 2, summary: 'New title' }),
        },
      ]),
    );
    expect(events).toEqual([]);
  });

  it('does not report assigning an issue to myself (not news)', () => {
    const reassigned = deriveEvents(
      commit([
        {
          before: issue({ assignee: BORIS }),
          after: issue({ assignee: SELF, updatedBy: SELF, version: 2 }),
        },
      ]),
    );
    const created = deriveEvents(
      commit([
        { before: undefined, after: issue({ assignee: SELF, author: SELF, updatedBy: undefined }) },
      ]),
    );
    expect(reassigned).toEqual([]);
    expect(created).toEqual([]);
  });

  it('does not report issues assigned to someone else', () => {
    expect(
      deriveEvents(
        commit([
          { before: issue({ assignee: SELF }), after: issue({ assignee: ANNA, version: 2 }) },
        ]),
      ),
    ).toEqual([]);
    expect(deriveEvents(commit([{ before: undefined, after: issue({ assignee: ANNA }) }]))).toEqual(
      [],
    );
  });
});

describe('optional kinds (derived here, switched by the policy)', () => {
  it('reports a status change on an issue I am assigned to, with the new status', () => {
    const events = deriveEvents(
      commit([
        {
          before: issue({ assignee: SELF }),
          after: issue({
            assignee: SELF,
            status: { key: 'inProgress', display: 'In progress' },
            version: 2,
          }),
        },
      ]),
    );
    expect(events).toEqual([
      expect.objectContaining({
        id: 'status:TEST-12:v2',
        kind: 'status',
        status: 'In progress',
        actor: 'Anna',
      }),
    ]);
  });

  it('reports a status change on an issue I authored, not one I changed or do not own', () => {
    const changed = (init: Partial<IssueSnapshot>) =>
      deriveEvents(
        commit([
          {
            before: issue(init),
            after: issue({ ...init, status: { key: 'closed', display: 'Closed' }, version: 2 }),
          },
        ]),
      );
    expect(changed({ author: SELF })).toHaveLength(1);
    expect(changed({ author: SELF, updatedBy: SELF })).toEqual([]);
    expect(changed({ author: BORIS, assignee: ANNA })).toEqual([]);
  });

  it('reports a summons by @login or by summonees, and a comment on an issue I own', () => {
    const events = deriveEvents(
      commit([
        {
          before: issue({ key: 'TEST-1' }),
          after: issue({ key: 'TEST-1' }),
          comments: [
            comment({ id: '1', text: '@me please have a look' }),
            comment({ id: '2', text: 'cc', summonees: [{ id: '1001' }] }),
            comment({ id: '3', text: 'nothing for you' }),
          ],
        },
        {
          before: issue({ key: 'TEST-2', assignee: SELF }),
          after: issue({ key: 'TEST-2', assignee: SELF }),
          comments: [comment({ id: '4', author: BORIS, text: 'done, @me' })],
        },
      ]),
    );
    expect(events.map((e) => [e.id, e.actor])).toEqual([
      ['summoned:TEST-1:c1', 'Anna'],
      ['summoned:TEST-1:c2', 'Anna'],
      ['summoned:TEST-2:c4', 'Boris'],
      ['comment:TEST-2:c4', 'Boris'],
    ]);
    expect(events[0]?.createdAt).toBe(T0 + 5);
  });

  it('ignores my own comments', () => {
    const events = deriveEvents(
      commit([
        {
          before: issue({ assignee: SELF }),
          after: issue({ assignee: SELF }),
          comments: [comment({ author: { id: '1001' }, text: '@me note to self' })],
        },
      ]),
    );
    expect(events).toEqual([]);
  });

  it('matches @login only as a whole mention', () => {
    expect(mentions('@me', 'me')).toBe(true);
    expect(mentions('hi @Me, see above.', 'me')).toBe(true);
    expect(mentions('ask @me.', 'me')).toBe(true);
    expect(mentions('@meg', 'me')).toBe(false);
    expect(mentions('@me.smith', 'me')).toBe(false);
    expect(mentions('mail me@me.com', 'me')).toBe(false);
    expect(mentions('a@me', 'me')).toBe(false);
    expect(mentions('@a.b', 'a.b')).toBe(true);
    expect(mentions('@axb', 'a.b')).toBe(false); // the login is not a pattern
  });
});
