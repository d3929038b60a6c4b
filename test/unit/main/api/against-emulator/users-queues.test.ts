/**
 * Catalog endpoints through the real client against the emulator: myself (both shapes), users,
 * queues and their fields, the global dictionaries, boards, sprints, saved filters and `follow`.
 * Expected values come from the emulator's store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, type Page, type User } from '../../../../../main/api/index.ts';
import { apiFailure, connect, startSmall, type Connected, type Emulator } from './helpers.ts';

let emulator: Emulator;
let api: Connected;

beforeAll(async () => {
  emulator = await startSmall();
  api = connect(emulator, { language: () => 'en' });
});

afterAll(async () => {
  await emulator.close();
});

describe('myself', () => {
  it('returns the signed-in user as an object', async () => {
    const me = await api.client.myself();
    const record = emulator.store.user(emulator.store.demoUid);
    expect(me).toMatchObject({
      id: String(emulator.store.demoUid),
      uid: String(emulator.store.demoUid),
      login: emulator.login,
      display: record?.display.en,
      email: record?.email,
      hasLicense: true,
      dismissed: false,
    });
  });

  it('accepts the documented one-element array (myselfAsArray quirk)', async () => {
    const quirky = await startSmall({ issues: 20, quirks: { myselfAsArray: true } });
    try {
      const raw = await connect(quirky).client.follow('/v3/myself');
      expect(Array.isArray(raw)).toBe(true);
      const me = await connect(quirky, { language: () => 'en' }).client.myself();
      expect(me.id).toBe(String(quirky.store.demoUid));
      expect(me.login).toBe(quirky.login);
    } finally {
      await quirky.close();
    }
  });
});

describe('users', () => {
  it('lists every user page by page with the totals from the headers', async () => {
    const users = emulator.store.users();
    const pages: Page<User>[] = [];
    for await (const page of api.client.users.list({ perPage: 10 })) pages.push(page);
    expect(pages).toHaveLength(Math.ceil(users.length / 10));
    expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => i + 1));
    for (const page of pages) {
      expect(page.totalCount).toBe(users.length);
      expect(page.totalPages).toBe(pages.length);
    }
    const listed = pages.flatMap((p) => p.items);
    expect(listed.map((u) => u.id)).toEqual(users.map((u) => String(u.uid)));
    expect(listed.map((u) => u.login)).toEqual(users.map((u) => u.login));
  });

  it('starts from a given page', async () => {
    const users = emulator.store.users();
    const rest = await api.client.users.list({ perPage: 10, page: 2 }).toArray();
    expect(rest.map((u) => u.login)).toEqual(users.slice(10).map((u) => u.login));
  });

  it('gets one user by login and by uid', async () => {
    const other = emulator.store.users()[3];
    if (!other) throw new Error('seed has too few users');
    const byLogin = await api.client.users.get(other.login);
    const byUid = await api.client.users.get(other.uid);
    for (const user of [byLogin, byUid]) {
      expect(user).toMatchObject({
        id: String(other.uid),
        login: other.login,
        firstName: other.firstName,
        lastName: other.lastName,
        display: other.display.en,
        cloudUid: other.cloudUid,
      });
    }
    expect(await apiFailure(api.client.users.get('no-such-user'))).toBeInstanceOf(NotFoundError);
  });
});

describe('queues', () => {
  it('lists queues with totals', async () => {
    const queues = emulator.store.queues();
    const first = await api.client.queues.list({ perPage: 3 }).first();
    expect(first?.totalCount).toBe(queues.length);
    expect(first?.totalPages).toBe(Math.ceil(queues.length / 3));
    const all = await api.client.queues.list({ perPage: 3 }).toArray();
    expect(all.map((q) => q.key)).toEqual(queues.map((q) => q.key));
    // Numbers in the list, normalized to strings.
    expect(all.map((q) => q.id)).toEqual(queues.map((q) => String(q.id)));
    expect(all[0]?.name).toBe(queues[0]?.name.en);
  });

  it('gets a queue with expand=all; keys are case-sensitive', async () => {
    const record = emulator.store.queues()[0];
    if (!record) throw new Error('no queues');
    const queue = await api.client.queues.get(record.key, { expand: ['all'] });
    expect(queue).toMatchObject({
      id: String(record.id),
      key: record.key,
      name: record.name.en,
      description: record.description,
      version: record.version,
      lead: { id: String(record.leadUid) },
      defaultType: { key: record.defaultType },
      defaultPriority: { key: record.defaultPriority },
    });
    expect(queue.issueTypes.map((t) => t.key)).toEqual(record.issueTypes);
    expect(await api.client.queues.get(record.id)).toMatchObject({ key: record.key });
    const lower = await apiFailure(api.client.queues.get(record.key.toLowerCase()));
    expect(lower).toBeInstanceOf(NotFoundError);
    expect(lower.status).toBe(404);
  });

  it('lists required and local fields of a queue', async () => {
    const withLocal = emulator.store
      .queues()
      .find((q) => emulator.store.localFields(q.key).length > 0);
    if (!withLocal) throw new Error('seed has no local fields');
    const local = await api.client.queues.localFields(withLocal.key);
    const expected = emulator.store.localFields(withLocal.key);
    expect(local.map((f) => f.id)).toEqual(expected.map((f) => f.id));
    for (const field of local) {
      expect(field.type).toBe('local');
      expect(field.queue?.key).toBe(withLocal.key);
      expect(field.id).toMatch(/--/);
    }
    expect(local.map((f) => f.name)).toEqual(expected.map((f) => f.name.en));

    const required = await api.client.queues.fields(withLocal.key);
    expect(required.map((f) => f.id).sort()).toEqual(['priority', 'queue', 'summary', 'type']);
    const summary = required.find((f) => f.id === 'summary');
    expect(summary?.name).toBe(emulator.store.field('summary')?.name.en);
    expect(summary?.type).toBe('standard');
  });
});

describe('dictionaries', () => {
  it('statuses with their categories', async () => {
    const statuses = await api.client.dictionaries.statuses();
    const records = emulator.store.statuses();
    expect(statuses.map((s) => s.key)).toEqual(records.map((s) => s.key));
    expect(statuses.map((s) => s.id)).toEqual(records.map((s) => String(s.id)));
    expect(statuses.map((s) => s.type)).toEqual(records.map((s) => s.type));
    expect(statuses.map((s) => s.name)).toEqual(records.map((s) => s.name.en));
    expect(statuses.map((s) => s.order)).toEqual(records.map((s) => s.order));
  });

  it('priorities, localized and in every language', async () => {
    const records = emulator.store.priorities();
    const localized = await api.client.dictionaries.priorities();
    expect(localized.map((p) => [p.key, p.name, p.order])).toEqual(
      records.map((p) => [p.key, p.name.en, p.order]),
    );
    // localized=false sends {ru, en}; the client picks its UI language.
    const ru = await connect(emulator, { language: () => 'ru' }).client.dictionaries.priorities({
      localized: false,
    });
    expect(ru.map((p) => p.name)).toEqual(records.map((p) => p.name.ru));
    expect(ru[0]?.raw.name).toEqual({ ru: records[0]?.name.ru, en: records[0]?.name.en });
  });

  it('issue types, resolutions, link types and global fields', async () => {
    const { store } = emulator;
    const types = await api.client.dictionaries.issueTypes();
    expect(types.map((t) => [t.id, t.key, t.name])).toEqual(
      store.issueTypes().map((t) => [String(t.id), t.key, t.name.en]),
    );
    const resolutions = await api.client.dictionaries.resolutions();
    expect(resolutions.map((r) => [r.key, r.name, r.order])).toEqual(
      store.resolutions().map((r) => [r.key, r.name.en, r.order]),
    );
    const linkTypes = await api.client.dictionaries.linkTypes();
    expect(linkTypes.map((l) => [l.id, l.inward, l.outward])).toEqual(
      store.linkTypes().map((l) => [l.id, l.inward.en, l.outward.en]),
    );
    const fields = await api.client.dictionaries.fields();
    expect(fields.map((f) => f.id)).toEqual(store.fields().map((f) => f.id));
    expect(fields.map((f) => f.schemaType)).toEqual(store.fields().map((f) => f.schemaType));
    expect(fields.every((f) => f.type === 'standard')).toBe(true);
  });
});

describe('boards, sprints and saved filters', () => {
  it('lists and gets boards, their columns and sprints', async () => {
    const records = emulator.store.boards();
    const boards = await api.client.boards.list();
    expect(boards.map((b) => [b.id, b.name, b.query])).toEqual(
      records.map((b) => [String(b.id), b.name, b.query]),
    );
    for (const record of records) {
      const board = await api.client.boards.get(record.id);
      expect(board.columns.map((c) => c.id)).toEqual(record.columns.map((c) => c.id));
      const columns = await api.client.boards.columns(record.id);
      expect(columns.map((c) => [c.id, c.name])).toEqual(
        record.columns.map((c) => [c.id, c.display]),
      );
      const sprints = await api.client.boards.sprints(record.id);
      const expected = emulator.store.sprints(record.id);
      expect(sprints.map((s) => [s.id, s.name, s.status, s.startDate, s.endDate])).toEqual(
        expected.map((s) => [String(s.id), s.name, s.status, s.startDate, s.endDate]),
      );
      for (const sprint of sprints) expect(sprint.board?.id).toBe(String(record.id));
    }
    expect(await apiFailure(api.client.boards.get(999_999))).toBeInstanceOf(NotFoundError);
  });

  it('gets a sprint', async () => {
    const record = emulator.store.sprints()[0];
    if (!record) throw new Error('no sprints');
    const sprint = await api.client.sprints.get(record.id);
    expect(sprint).toMatchObject({
      id: String(record.id),
      name: record.name,
      status: record.status,
      archived: record.status === 'archived',
      startDate: record.startDate,
      endDate: record.endDate,
      createdAt: record.createdAt,
      createdBy: { id: String(record.createdByUid) },
      board: { id: String(record.boardId) },
    });
  });

  it('gets a saved filter', async () => {
    for (const record of emulator.store.filters()) {
      const filter = await api.client.filters.get(record.id);
      expect(filter).toMatchObject({
        id: String(record.id),
        name: record.name,
        query: record.query,
      });
    }
    expect(await apiFailure(api.client.filters.get(987_654))).toBeInstanceOf(NotFoundError);
  });
});

describe('follow', () => {
  it('GETs a self URL at the configured base', async () => {
    const record = emulator.store.queues()[1];
    if (!record) throw new Error('no queues');
    const queue = await api.client.queues.get(record.key);
    const self = queue.raw.self;
    expect(typeof self).toBe('string');
    // Even a foreign host in the URL only contributes its path.
    const foreign = String(self).replace(/^http:\/\/[^/]+/, 'https://elsewhere.invalid');
    const raw = (await api.client.follow(foreign)) as { key?: unknown };
    expect(raw.key).toBe(record.key);
    const last = api.sent.at(-1);
    expect(last?.url.origin).toBe(emulator.apiBase);
  });
});
