/**
 * Catalog endpoints: myself (object, or an array with the `myselfAsArray` quirk), users in pages,
 * queues, dictionaries, global and local fields, boards, columns, sprints and saved filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import {
  at,
  client,
  emulatorOptions,
  expectError,
  links,
  list,
  manualClock,
  obj,
  TRACKER_DATE,
  type Call,
  type Reply,
} from './client.ts';

let emulator: Emulator;
let call: Call;

beforeAll(async () => {
  emulator = await startEmulator(emulatorOptions(manualClock()));
  call = client(emulator);
});
afterAll(() => emulator.close());

describe('users', () => {
  it('myself is the demo user as an object', async () => {
    const reply = await call('/myself');
    expect(reply.status).toBe(200);
    const me = obj(reply.body);
    expect(me.uid).toBe(emulator.store.demoUid);
    expect(me.login).toBe(emulator.login);
    expect(me.self).toBe(`${emulator.apiBase}/v3/users/${emulator.store.demoUid}`);
    expect(me.display).toBe(emulator.store.user(emulator.store.demoUid)?.display.en);
  });

  it('myself is a one-element array with the myselfAsArray quirk', async () => {
    const quirky = await startEmulator(
      emulatorOptions(manualClock(), { issues: 20, quirks: { myselfAsArray: true } }),
    );
    try {
      const reply = await client(quirky)('/myself');
      expect(reply.status).toBe(200);
      const body = list(reply.body);
      expect(body).toHaveLength(1);
      expect(body[0]?.login).toBe(quirky.login);
    } finally {
      await quirky.close();
    }
  });

  it('lists users in pages; following next yields all of them once', async () => {
    const all = emulator.store.users();
    const first = await call('/users?perPage=10');
    expect(first.headers.get('x-total-count')).toBe(String(all.length));
    expect(first.headers.get('x-total-pages')).toBe(String(Math.ceil(all.length / 10)));
    expect(links(first).get('seek')).toMatch(/\{&page\}$/);
    const logins = list(first.body).map((u) => u.login);
    let reply: Reply = first;
    for (let next = links(reply).get('next'); next; next = links(reply).get('next')) {
      reply = await call(next);
      logins.push(...list(reply.body).map((u) => u.login));
    }
    expect(logins).toEqual(all.map((u) => u.login));
    expect(logins[0]).toBe(emulator.login);
  });

  it('gets one user by uid or login', async () => {
    const user = emulator.store.users()[3];
    const byUid = obj((await call(`/users/${user?.uid ?? 0}`)).body);
    const byLogin = obj((await call(`/users/${user?.login ?? ''}`)).body);
    expect(byUid.login).toBe(user?.login);
    expect(byLogin.uid).toBe(user?.uid);
    expectError(await call('/users/no.such.person'), 404);
  });
});

describe('queues and fields', () => {
  it('lists queues with totals and gets one with expand', async () => {
    const reply = await call('/queues');
    expect(reply.headers.get('x-total-count')).toBe(String(emulator.store.queues().length));
    expect(list(reply.body).map((q) => q.key)).toEqual(emulator.store.queues().map((q) => q.key));
    const one = obj((await call('/queues/DESK?expand=all')).body);
    const queue = emulator.store.queue('DESK');
    expect(at(one, 'lead', 'id')).toBe(String(queue?.leadUid));
    expect(list(one.teamUsers).map((u) => u.id)).toEqual(queue?.teamUids.map(String));
    expect(list(one.issueTypes).map((t) => t.key)).toEqual(queue?.issueTypes);
    expect(Object.keys(obj(one.workflows))).toEqual([queue?.workflowId]);
    expectError(await call('/queues/NOSUCH'), 404);
  });

  it('lists global fields and gets one', async () => {
    const fields = list((await call('/fields')).body);
    expect(fields.map((f) => f.id)).toEqual(emulator.store.fields().map((f) => f.id));
    for (const field of fields) expect(field.type).toBe('standard');
    const summary = obj((await call('/fields/summary')).body);
    expect(summary.id).toBe('summary');
    expect(summary.self).toBe(`${emulator.apiBase}/v3/fields/summary`);
    expectError(await call('/fields/nosuchfield'), 404);
  });

  it('lists a queue’s required and local fields', async () => {
    const required = list((await call('/queues/DESK/fields')).body).map((f) => f.id);
    expect(required).toEqual(expect.arrayContaining(['summary', 'queue']));
    const local = list((await call('/queues/DESK/localFields')).body);
    const stored = emulator.store.localFields('DESK');
    expect(stored.length).toBeGreaterThan(0);
    expect(local.map((f) => f.id)).toEqual(stored.map((f) => f.id));
    for (const field of local) {
      expect(field.type).toBe('local');
      expect(field.id).toMatch(/^[0-9a-f]+--\w+$/);
      expect(at(field, 'queue', 'key')).toBe('DESK');
    }
    expectError(await call('/queues/NOSUCH/localFields'), 404);
  });
});

describe('dictionaries', () => {
  it('serves statuses, priorities, issue types, resolutions and link types', async () => {
    const store = emulator.store;
    const keys = async (path: string) => list((await call(path)).body).map((x) => x.key);
    expect(await keys('/statuses')).toEqual(store.statuses().map((s) => s.key));
    expect(await keys('/priorities')).toEqual(store.priorities().map((p) => p.key));
    expect(await keys('/issuetypes')).toEqual(store.issueTypes().map((t) => t.key));
    expect(await keys('/resolutions')).toEqual(store.resolutions().map((r) => r.key));
    const linkTypes = list((await call('/linktypes')).body);
    expect(linkTypes.map((t) => t.id)).toEqual(store.linkTypes().map((t) => t.id));
    for (const status of list((await call('/statuses')).body)) {
      expect(['new', 'paused', 'inProgress', 'done', 'cancelled']).toContain(status.type);
    }
  });

  it('gets one dictionary entry by id or key', async () => {
    const status = emulator.store.status('inProgress');
    expect(obj((await call(`/statuses/${status?.id ?? 0}`)).body).key).toBe('inProgress');
    expect(obj((await call('/priorities/critical')).body).key).toBe('critical');
    expectError(await call('/statuses/999'), 404);
  });
});

describe('boards, sprints and saved filters', () => {
  it('lists boards, gets one and its columns', async () => {
    const boards = list((await call('/boards')).body);
    expect(boards.map((b) => b.id)).toEqual(emulator.store.boards().map((b) => b.id));
    const board = emulator.store.boards()[0];
    const one = obj((await call(`/boards/${board?.id ?? 0}`)).body);
    expect(one.name).toBe(board?.name);
    expect(one.id).toBeTypeOf('number');
    const columns = list((await call(`/boards/${board?.id ?? 0}/columns`)).body);
    expect(columns.map((c) => c.id)).toEqual(board?.columns.map((c) => c.id));
    for (const column of columns) expect(column.id).toBeTypeOf('string');
    expectError(await call('/boards/999999'), 404);
    expectError(await call('/boards/abc'), 404);
  });

  it('lists a board’s sprints with plain YYYY-MM-DD dates and gets one', async () => {
    const board = emulator.store.boards()[0];
    const sprints = list((await call(`/boards/${board?.id ?? 0}/sprints`)).body);
    const stored = emulator.store.sprints(board?.id);
    expect(sprints.map((s) => s.id)).toEqual(stored.map((s) => s.id));
    expect(sprints.length).toBeGreaterThan(0);
    for (const sprint of sprints) {
      expect(sprint.startDate).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(sprint.endDate).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(sprint.createdAt).toMatch(TRACKER_DATE);
      expect(['draft', 'in_progress', 'released', 'archived']).toContain(sprint.status);
      expect(sprint.archived).toBe(sprint.status === 'archived');
      expect(at(sprint, 'board', 'id')).toBe(String(board?.id));
      expect(at(sprint, 'board', 'display')).toBe(board?.name);
      expect(at(sprint, 'board', 'self')).toBe(`${emulator.apiBase}/v3/boards/${board?.id ?? 0}`);
    }
    const one = obj((await call(`/sprints/${stored[0]?.id ?? 0}`)).body);
    expect(one.name).toBe(stored[0]?.name);
    expectError(await call('/sprints/999999'), 404);
  });

  it('gets a saved filter', async () => {
    const saved = emulator.store.filters()[0];
    const body = obj((await call(`/filters/${saved?.id ?? 0}`)).body);
    expect(body.id).toBe(saved?.id);
    expect(body.query).toBe(saved?.query);
    expect(body.name).toBe(saved?.name);
    expect(at(body, 'owner', 'id')).toBe(String(saved?.ownerUid));
    expectError(await call('/filters/1'), 404);
  });
});
