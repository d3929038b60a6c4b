import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../../../main/api/index.ts';
import { json, makeClient, never, text } from './helpers.ts';

// A credential with no recognisable shape: the logger's own pattern redaction cannot catch it, so
// these tests prove the client never hands it to the logger or an error in the first place.
const SECRET = 'plainSecretValue0123456789abcdefXYZ';

function everything(error: unknown): string {
  const app = toAppError(error);
  return [
    String(error),
    (error as Error).message,
    (error as Error).stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 5 }),
    app.message,
    JSON.stringify(app.toIpcError()),
  ].join('\n');
}

describe('the token never reaches logs or errors', () => {
  it.each([
    [
      'a 401 whose body echoes the token',
      () => json({ errorMessages: [`Token ${SECRET} is invalid`] }, 401),
    ],
    ['a 403 with a plain-text echo', () => text(`bad credentials: OAuth ${SECRET}`, 403)],
    ['a 422 echoing it in a field error', () => json({ errors: { auth: SECRET } }, 422)],
    ['a 503 after retries', () => text(`upstream said ${SECRET}`, 503)],
    ['a 429 with a long Retry-After', () => text(SECRET, 429, { 'retry-after': '9999' })],
    ['a truncated body', () => text(`{"token":"${SECRET}`, 200)],
    [
      'a network failure quoting it',
      () => Promise.reject(new TypeError(`fetch failed for Authorization: OAuth ${SECRET}`)),
    ],
  ])('%s', async (_name, respond) => {
    const { client, sink } = makeClient(respond, {
      credentials: async () => ({ kind: 'oauth', token: SECRET }),
      retry: { maxAttempts: 3 },
    });
    const error = await client.issues.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(sink.lines.length).toBeGreaterThan(0);
    expect(sink.text()).not.toContain(SECRET);
    expect(everything(error)).not.toContain(SECRET);
  });

  it('timeouts and aborts carry no token either', async () => {
    const timed = makeClient(() => never(), {
      credentials: async () => ({ kind: 'iam', token: SECRET }),
      timeoutMs: 5,
      retry: { maxAttempts: 1 },
    });
    const error = await timed.client.myself().catch((e: unknown) => e);
    expect(everything(error)).not.toContain(SECRET);
    expect(timed.sink.text()).not.toContain(SECRET);
  });

  it('a successful session with retries logs no token and no Authorization header', async () => {
    const { client, sink } = makeClient((_c, i) => (i === 0 ? text('', 502) : json({ uid: 1 })), {
      credentials: async () => ({ kind: 'oauth', token: SECRET }),
    });
    await client.myself();
    const log = sink.text();
    expect(log).not.toContain(SECRET);
    expect(log.toLowerCase()).not.toContain('authorization');
    expect(log).toContain('tracker request retry');
  });
});
