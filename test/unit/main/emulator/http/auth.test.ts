/**
 * Authentication and organization rules, API versions, `self` URLs, routing errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import {
  client,
  emulatorOptions,
  expectError,
  manualClock,
  obj,
  rawGet,
  type Call,
} from './client.ts';

let emulator: Emulator;
let call: Call;

beforeAll(async () => {
  emulator = await startEmulator(emulatorOptions(manualClock()));
  call = client(emulator);
});
afterAll(() => emulator.close());

/** GET /v3/myself with exactly these headers, names in their given case. */
const myself = (headers: Record<string, string>) => rawGet(emulator, '/v3/myself', headers);

describe('authentication (401)', () => {
  it('refuses a request without a token', async () => {
    expectError(await myself({ 'X-Org-ID': emulator.org.id }), 401);
  });

  it('refuses a garbage token', async () => {
    expectError(
      await myself({ Authorization: 'OAuth y0_not-a-real-token', 'X-Org-ID': emulator.org.id }),
      401,
    );
  });

  it('refuses an OAuth token sent under another scheme', async () => {
    for (const scheme of ['Bearer', 'Basic', 'Token']) {
      expectError(
        await myself({ Authorization: `${scheme} ${emulator.token}`, 'X-Org-ID': emulator.org.id }),
        401,
      );
    }
  });

  it('checks the token before the organization', async () => {
    expectError(await myself({ Authorization: 'OAuth nope' }), 401);
  });
});

describe('organization (403)', () => {
  const token = () => `OAuth ${emulator.token}`;

  it('refuses an unknown org id', async () => {
    expectError(await myself({ Authorization: token(), 'X-Org-ID': '424242' }), 403);
    expectError(await myself({ Authorization: token(), 'X-Cloud-Org-ID': 'bpfnothere' }), 403);
  });

  it('refuses the 360 org id in X-Cloud-Org-ID', async () => {
    expectError(await myself({ Authorization: token(), 'X-Cloud-Org-ID': emulator.org.id }), 403);
  });

  it('refuses the cloud org id in X-Org-ID', async () => {
    expectError(await myself({ Authorization: token(), 'X-Org-ID': emulator.cloudOrg.id }), 403);
  });

  it('refuses a request without an org header', async () => {
    expectError(await myself({ Authorization: token() }), 403);
  });

  it('accepts the 360 id in X-Org-ID and the cloud id in X-Cloud-Org-ID', async () => {
    const a = await myself({ Authorization: token(), 'X-Org-ID': emulator.org.id });
    const b = await myself({ Authorization: token(), 'X-Cloud-Org-ID': emulator.cloudOrg.id });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(obj(a.body).login).toBe(emulator.login);
    expect(obj(b.body).login).toBe(emulator.login);
  });

  it('accepts the Python client quirk X-Org-Id: not provided with a cloud org', async () => {
    const reply = await myself({
      Authorization: token(),
      'X-Org-Id': 'not provided',
      'X-Cloud-Org-Id': emulator.cloudOrg.id,
    });
    expect(reply.status).toBe(200);
    expect(obj(reply.body).login).toBe(emulator.login);
    // "not provided" alone is no organization.
    expectError(await myself({ Authorization: token(), 'X-Org-Id': 'not provided' }), 403);
  });

  it('reads header names case-insensitively', async () => {
    const lower = await myself({ authorization: token(), 'x-org-id': emulator.org.id });
    const upper = await myself({ AUTHORIZATION: token(), 'X-ORG-ID': emulator.org.id });
    const cloud = await myself({ authorization: token(), 'x-cloud-org-id': emulator.cloudOrg.id });
    const python = await myself({ Authorization: token(), 'X-Org-Id': emulator.org.id });
    const scheme = await myself({
      Authorization: `oauth ${emulator.token}`,
      'X-Org-ID': emulator.org.id,
    });
    expect([lower, upper, cloud, python, scheme].map((r) => r.status)).toEqual([
      200, 200, 200, 200, 200,
    ]);
  });

  it('accepts an IAM Bearer token with the cloud org and refuses it with the 360 org', async () => {
    const { iamToken } = emulator.tokens.issueIamToken(emulator.store.demoUid);
    const cloud = await myself({
      Authorization: `Bearer ${iamToken}`,
      'X-Cloud-Org-ID': emulator.cloudOrg.id,
    });
    expect(cloud.status).toBe(200);
    expect(obj(cloud.body).login).toBe(emulator.login);
    expectError(
      await myself({ Authorization: `Bearer ${iamToken}`, 'X-Org-ID': emulator.org.id }),
      403,
    );
    // An IAM token is not an OAuth token.
    expectError(
      await myself({ Authorization: `OAuth ${iamToken}`, 'X-Cloud-Org-ID': emulator.cloudOrg.id }),
      401,
    );
  });
});

describe('versions, self URLs and routing', () => {
  it('serves the same data under /v2 and /v3, with self URLs on its own base and version', async () => {
    const key = emulator.store.allIssues()[5]?.key as string;
    const v2 = await call(`/issues/${key}`, { version: 'v2' });
    const v3 = await call(`/issues/${key}`, { version: 'v3' });
    expect(v2.status).toBe(200);
    expect(v3.status).toBe(200);
    // Identical once the version segment of every URL is normalized.
    expect(v2.text.replaceAll(`${emulator.apiBase}/v2/`, `${emulator.apiBase}/v3/`)).toBe(v3.text);
    expect(obj(v2.body).self).toBe(`${emulator.apiBase}/v2/issues/${key}`);
    expect(obj(v3.body).self).toBe(`${emulator.apiBase}/v3/issues/${key}`);
    const selfs = [...v3.text.matchAll(/"self":"([^"]+)"/g)].map((m) => m[1] as string);
    expect(selfs.length).toBeGreaterThan(4);
    for (const self of selfs) expect(self.startsWith(`${emulator.apiBase}/v3/`)).toBe(true);
    const v2Selfs = [...v2.text.matchAll(/"self":"([^"]+)"/g)].map((m) => m[1] as string);
    for (const self of v2Selfs) expect(self.startsWith(`${emulator.apiBase}/v2/`)).toBe(true);
  });

  it('serves the same lists under both versions', async () => {
    for (const path of ['/queues', '/statuses', '/priorities', '/users?perPage=5']) {
      const v2 = await call(path, { version: 'v2' });
      const v3 = await call(path, { version: 'v3' });
      expect(v2.status).toBe(200);
      expect(v2.text.replaceAll('/v2/', '/v3/')).toBe(v3.text);
      expect(v2.headers.get('x-total-count')).toBe(v3.headers.get('x-total-count'));
    }
  });

  it('answers every reference self of an issue with that object', async () => {
    const issue = emulator.store
      .allIssues()
      .find((i) => i.assigneeUid !== null && i.resolutionKey !== null && i.previousStatusKey);
    expect(issue).toBeDefined();
    const body = obj((await call(`/issues/${issue?.key ?? ''}`)).body);
    for (const name of [
      'queue',
      'type',
      'priority',
      'status',
      'previousStatus',
      'resolution',
      'assignee',
      'createdBy',
      'updatedBy',
    ]) {
      const ref = obj(body[name]);
      const target = await call(String(ref.self));
      expect(target.status, `${name}: ${String(ref.self)}`).toBe(200);
      expect(obj(target.body).self).toBe(ref.self);
      // A reference's id is the target's id (or uid for users), as a string.
      const targetBody = obj(target.body);
      expect(String(targetBody.id ?? targetBody.uid)).toBe(ref.id);
    }
  });

  it('answers 404 with an error body for unknown paths and objects', async () => {
    expectError(await call('/nothing-here'), 404);
    expectError(await call('/issues/NOPE-1'), 404);
    expectError(await call('/issues/DESK-1/comments/123/extra/segments'), 404);
    const outside = await fetch(`${emulator.apiBase}/v4/myself`, {
      headers: { Authorization: `OAuth ${emulator.token}`, 'X-Org-ID': emulator.org.id },
    });
    expect(outside.status).toBe(404);
  });

  it('answers 405 with an error body for a known path and a wrong method', async () => {
    expectError(await call('/myself', { method: 'DELETE' }), 405);
    expectError(await call('/statuses', { method: 'POST', body: {} }), 405);
    expectError(await call('/issues/DESK-1', { method: 'PUT', body: {} }), 405);
    expectError(await call('/issues/_count', { method: 'DELETE' }), 405);
  });

  it('answers 400 with an error body for a malformed JSON body', async () => {
    expectError(
      await call('/issues/_search', {
        method: 'POST',
        body: '{"query": ',
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
    );
    expectError(await call('/issues/_search', { method: 'POST', body: [1, 2] }), 400);
  });

  it('survives a malformed Host header', async () => {
    const reply = await rawGet(emulator, '/v3/myself', {
      Host: 'bad host',
      Authorization: `OAuth ${emulator.token}`,
      'X-Org-ID': emulator.org.id,
    });
    expectError(reply, 400);
    expect((await call('/myself')).status).toBe(200);
  });

  it('builds self URLs from the Host the client used', async () => {
    const port = new URL(emulator.apiBase).port;
    const reply = await rawGet(emulator, '/v2/myself', {
      Host: `localhost:${port}`,
      Authorization: `OAuth ${emulator.token}`,
      'X-Org-ID': emulator.org.id,
    });
    expect(obj(reply.body).self).toBe(
      `http://localhost:${port}/v2/users/${emulator.store.demoUid}`,
    );
  });

  it('counts served API requests by status', async () => {
    const before = emulator.stats.byStatus.get(404) ?? 0;
    const requests = emulator.stats.requests;
    await call('/issues/NOPE-2');
    expect(emulator.stats.byStatus.get(404)).toBe(before + 1);
    expect(emulator.stats.requests).toBe(requests + 1);
  });
});
