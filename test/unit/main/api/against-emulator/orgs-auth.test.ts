/**
 * Organizations, token kinds, API versions and languages through the real client against the
 * emulator: Yandex 360 and Cloud orgs, OAuth and IAM tokens, `/v2` like `/v3`, Russian names, and
 * a token that never reaches a log line or an error message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  toAppError,
  UnauthorizedError,
  type TrackerApiError,
} from '../../../../../main/api/index.ts';
import { createMemorySink } from '../../../../../main/log/index.ts';
import {
  apiFailure,
  apiPath,
  connect,
  startSmall,
  type Connected,
  type Emulator,
} from './helpers.ts';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startSmall();
});

afterAll(async () => {
  await emulator.close();
});

function demoUser() {
  const user = emulator.store.user(emulator.store.demoUid);
  if (!user) throw new Error('no demo user');
  return user;
}

describe('organizations and tokens', () => {
  it('a Yandex 360 org is sent as X-Org-ID with an OAuth token', async () => {
    const api = connect(emulator);
    expect((await api.client.myself()).login).toBe(emulator.login);
  });

  it('a Cloud org works with an OAuth token', async () => {
    const api = connect(emulator, { org: { kind: 'cloud', id: emulator.cloudOrg.id } });
    const me = await api.client.myself();
    expect(me.id).toBe(String(emulator.store.demoUid));
    const queues = await api.client.queues.list().toArray();
    expect(queues.map((q) => q.key)).toEqual(emulator.store.queues().map((q) => q.key));
  });

  it('a Cloud org works with an IAM token (Bearer)', async () => {
    const { iamToken } = emulator.tokens.issueIamToken(emulator.store.demoUid);
    const api = connect(emulator, {
      org: { kind: 'cloud', id: emulator.cloudOrg.id },
      credentials: async () => ({ kind: 'iam', token: iamToken }),
    });
    const me = await api.client.myself();
    expect(me.login).toBe(emulator.login);
    const key = emulator.store.allIssues()[0]?.key ?? '';
    expect((await api.client.issues.get(key)).key).toBe(key);
  });

  it('an IAM token for a Yandex 360 org is refused with 403', async () => {
    const { iamToken } = emulator.tokens.issueIamToken(emulator.store.demoUid);
    const api = connect(emulator, { credentials: async () => ({ kind: 'iam', token: iamToken }) });
    const error = await apiFailure(api.client.myself());
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(toAppError(error).code).toBe('E_FORBIDDEN');
  });

  it('an OAuth token sent as an IAM one (Bearer) is a 401', async () => {
    const api = connect(emulator, {
      org: { kind: 'cloud', id: emulator.cloudOrg.id },
      credentials: async () => ({ kind: 'iam', token: emulator.token }),
    });
    expect(await apiFailure(api.client.myself())).toBeInstanceOf(UnauthorizedError);
  });

  it('an unknown org is a 403', async () => {
    const api = connect(emulator, { org: { kind: '360', id: '999999999' } });
    const error = await apiFailure(api.client.myself());
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.errorMessages.join(' ')).toContain('999999999');
  });

  it('a refreshed token is picked up on the next request', async () => {
    let token = 'y0_expired-or-revoked-token-value';
    const api = connect(emulator, { credentials: async () => ({ kind: 'oauth', token }) });
    expect(await apiFailure(api.client.myself())).toBeInstanceOf(UnauthorizedError);
    token = emulator.token;
    expect((await api.client.myself()).login).toBe(emulator.login);
  });
});

describe('API versions', () => {
  it('v2 serves the same results as v3', async () => {
    const v2 = connect(emulator, { apiVersion: 'v2', language: () => 'en' });
    const v3 = connect(emulator, { apiVersion: 'v3', language: () => 'en' });
    expect(v2.client.apiVersion).toBe('v2');
    const key = emulator.store.allIssues()[7]?.key ?? '';
    const strip = (value: { raw: unknown }) =>
      JSON.parse(JSON.stringify(value.raw).replaceAll('/v2/', '/v3/')) as unknown;

    const [issue2, issue3] = await Promise.all([
      v2.client.issues.get(key),
      v3.client.issues.get(key),
    ]);
    expect(strip(issue2)).toEqual(issue3.raw);
    expect(String(issue2.raw.self)).toContain('/v2/issues/');

    const selector = { query: 'Resolution: empty() "Sort by": Key ASC' };
    const [found2, found3] = await Promise.all([
      v2.client.issues.search(selector, { perPage: 40 }).toArray(),
      v3.client.issues.search(selector, { perPage: 40 }).toArray(),
    ]);
    expect(found2.map((i) => i.key)).toEqual(found3.map((i) => i.key));
    const [scroll2, scroll3] = await Promise.all([
      v2.client.issues.searchScroll(selector, { perScroll: 40 }).toArray(),
      v3.client.issues.searchScroll(selector, { perScroll: 40 }).toArray(),
    ]);
    expect(scroll2.map((i) => i.key)).toEqual(scroll3.map((i) => i.key));
    expect(await v2.client.issues.count(selector)).toBe(found3.length);
    expect((await v2.client.myself()).login).toBe(emulator.login);
    expect(await v2.client.dictionaries.statuses()).toHaveLength(emulator.store.statuses().length);
    const comments2 = await v2.client.comments.list(key).toArray();
    expect(comments2.map((c) => c.id)).toEqual(
      emulator.store.comments(key).map((c) => String(c.id)),
    );

    // Every v2 request went to /v2/, and `next` links kept it there.
    expect(v2.sent.length).toBeGreaterThan(5);
    expect(v2.sent.every((r) => r.url.pathname.startsWith('/v2/'))).toBe(true);
    expect(v3.sent.every((r) => r.url.pathname.startsWith('/v3/'))).toBe(true);
    expect(v2.sent.map(apiPath)).toContain('issues/_search');
  });
});

describe('languages', () => {
  it('Russian display names with language ru, English with en', async () => {
    const ru = connect(emulator, { language: () => 'ru' });
    const en = connect(emulator, { language: () => 'en' });
    const user = demoUser();
    expect((await ru.client.myself()).display).toBe(user.display.ru);
    expect((await en.client.myself()).display).toBe(user.display.en);

    const stored = emulator.store.allIssues()[0];
    if (!stored) throw new Error('no issues');
    const issue = await ru.client.issues.get(stored.key);
    expect(issue.status?.display).toBe(emulator.store.status(stored.statusKey)?.name.ru);
    expect(issue.type?.display).toBe(emulator.store.issueType(stored.typeKey)?.name.ru);
    const statuses = await ru.client.dictionaries.statuses();
    expect(statuses.map((s) => s.name)).toEqual(emulator.store.statuses().map((s) => s.name.ru));
    const queues = await ru.client.queues.list().toArray();
    expect(queues.map((q) => q.name)).toEqual(emulator.store.queues().map((q) => q.name.ru));
    const transitions = await ru.client.transitions.list(stored.key);
    expect(transitions.map((t) => t.display)).toEqual(
      emulator.store.transitions(stored.key).map((t) => t.display.ru),
    );
    expect(ru.sent.every((r) => r.url.origin === emulator.apiBase)).toBe(true);
  });

  it('a language switch applies to the next call', async () => {
    let language: 'ru' | 'en' = 'en';
    const api = connect(emulator, { language: () => language });
    const user = demoUser();
    expect((await api.client.myself()).display).toBe(user.display.en);
    language = 'ru';
    expect((await api.client.myself()).display).toBe(user.display.ru);
  });
});

describe('redaction', () => {
  it('neither the OAuth nor the IAM token shows up in logs or errors', async () => {
    const sink = createMemorySink({ maxLines: 10_000 });
    const { iamToken } = emulator.tokens.issueIamToken(emulator.store.demoUid);
    const oauth = async () => ({ kind: 'oauth' as const, token: emulator.token });
    const iam = async () => ({ kind: 'iam' as const, token: iamToken });
    const cloud = { kind: 'cloud' as const, id: emulator.cloudOrg.id };
    const clients: Array<[Connected, string]> = [
      [connect(emulator, { credentials: oauth }, sink), emulator.token],
      [
        connect(emulator, { credentials: oauth, org: { ...cloud, id: emulator.org.id } }, sink),
        emulator.token,
      ],
      [connect(emulator, { credentials: iam }, sink), iamToken],
      [connect(emulator, { credentials: iam, org: cloud }, sink), iamToken],
    ];
    let count = 0;
    for (const [{ client }, secret] of clients) {
      const errors: TrackerApiError[] = [];
      await client.myself().catch(() => undefined);
      errors.push(await apiFailure(client.issues.get('NOPE-1')));
      // The client's own token pasted where a key or query belongs: echoed in paths and bodies.
      errors.push(await apiFailure(client.issues.get(secret)));
      errors.push(await apiFailure(client.users.get(secret)));
      errors.push(await apiFailure(client.issues.search({ query: `Queue: ${secret}` }).toArray()));
      errors.push(await apiFailure(client.issues.update('NOPE-1', { summary: secret })));
      errors.push(
        await apiFailure(client.issues.search({ query: `Summary: ((${secret}` }).toArray()),
      );
      errors.push(
        await apiFailure(client.issues.create({ queue: 'NOPE', summary: 'x' }, { unique: secret })),
      );
      count += errors.length;
      for (const error of errors) {
        for (const value of [
          String(error),
          error.message,
          error.stack ?? '',
          JSON.stringify(error),
          ...error.errorMessages,
          ...Object.values(error.errors),
          toAppError(error).message,
        ]) {
          expect(value).not.toContain(secret);
        }
      }
    }
    expect(count).toBe(clients.length * 7);
    const text = sink.text();
    expect(text).toContain('tracker request');
    expect(text).not.toContain(emulator.token);
    expect(text).not.toContain(iamToken);
  });
});
