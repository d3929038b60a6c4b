/**
 * Live activity as the HTTP side sees it: ticking the simulator changes issues that an
 * `Updated: >=` search then finds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import {
  client,
  emulatorOptions,
  keysOf,
  manualClock,
  NOW,
  sortKeys,
  type Call,
} from './client.ts';

let emulator: Emulator;
let call: Call;

beforeAll(async () => {
  emulator = await startEmulator(emulatorOptions(manualClock(), { activity: 600 }));
  call = client(emulator);
});
afterAll(() => emulator.close());

describe('activity', () => {
  it('changes issues that an Updated: >= search then finds', async () => {
    const since = new Date(NOW).toISOString().slice(0, 19).replace('T', ' ');
    const query = `Updated: >= "${since}" "Sort by": Updated ASC`;
    const recent = () =>
      sortKeys(
        emulator.store
          .allIssues()
          .filter((i) => i.updatedAt >= NOW)
          .map((i) => i.key),
      );
    const search = async () => {
      const reply = await call('/issues/_search?perPage=1000', { method: 'POST', body: { query } });
      expect(reply.status).toBe(200);
      return keysOf(reply);
    };
    const before = await search();
    expect(sortKeys(before)).toEqual(recent());
    const issues = emulator.store.allIssues().length;

    const activity = emulator.activity;
    expect(activity).not.toBeNull();
    expect(activity?.running).toBe(true);
    const events = activity?.tick(NOW + 60_000) ?? [];
    expect(events.length).toBeGreaterThan(50);

    const keys = await search();
    expect(sortKeys(keys)).toEqual(recent());
    expect(keys.length).toBeGreaterThan(before.length + 10);
    const times = keys.map((key) => emulator.store.getIssue(key)?.updatedAt ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const changed = keys.filter((key) => !before.includes(key));
    for (const key of changed) {
      const at = emulator.store.getIssue(key)?.updatedAt ?? 0;
      expect(at).toBeGreaterThan(NOW);
      expect(at).toBeLessThanOrEqual(NOW + 60_000);
    }
    // New issues filed by colleagues are served too.
    const created = emulator.store.allIssues().slice(issues);
    expect(created.length).toBeGreaterThan(0);
    for (const issue of created.slice(0, 3)) {
      expect((await call(`/issues/${issue.key}`)).status).toBe(200);
      expect(keys).toContain(issue.key);
    }
  });

  it('is off unless asked for', async () => {
    const still = await startEmulator(emulatorOptions(manualClock(), { issues: 10 }));
    try {
      expect(still.activity).toBeNull();
    } finally {
      await still.close();
    }
  });
});
