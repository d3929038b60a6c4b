/**
 * Fault injection: each fault at share 1 in its own emulator, `parseFaults` for presets and specs,
 * and the injector's determinism for a seed.
 */
import { describe, expect, it } from 'vitest';
import {
  FAULT_PRESETS,
  FaultInjector,
  NO_FAULTS,
  parseFaults,
  type FaultConfig,
} from '../../../../../main/emulator/http/faults.ts';
import { startEmulator, type Emulator } from '../../../../../main/emulator/server.ts';
import { client, emulatorOptions, expectError, manualClock, obj } from './client.ts';

/** Runs `body` against an emulator with `faults`, closing it afterwards. */
async function withFaults(
  faults: Partial<FaultConfig>,
  body: (emulator: Emulator) => Promise<void>,
  seed = 1,
): Promise<void> {
  const emulator = await startEmulator(
    emulatorOptions(manualClock(), { issues: 10, seed, faults: { ...NO_FAULTS, ...faults } }),
  );
  try {
    await body(emulator);
  } finally {
    await emulator.close();
  }
}

const myself = (emulator: Emulator) => client(emulator)('/myself');

describe('injected faults over HTTP', () => {
  it('429 with Retry-After: 1 and an error body', async () => {
    await withFaults({ rateLimited: 1 }, async (emulator) => {
      for (let i = 0; i < 3; i++) {
        const reply = await myself(emulator);
        expectError(reply, 429);
        expect(reply.headers.get('retry-after')).toBe('1');
      }
      // Before authentication: even an anonymous request is throttled.
      const anonymous = await client(emulator, { Authorization: null })('/myself');
      expect(anonymous.status).toBe(429);
    });
  });

  it('429 without Retry-After', async () => {
    await withFaults({ rateLimitedBare: 1 }, async (emulator) => {
      const reply = await myself(emulator);
      expectError(reply, 429);
      expect(reply.headers.get('retry-after')).toBeNull();
    });
  });

  it('500 and 503 with error bodies', async () => {
    await withFaults({ serverError: 1 }, async (emulator) => {
      expectError(await myself(emulator), 500);
    });
    await withFaults({ unavailable: 1 }, async (emulator) => {
      expectError(await myself(emulator), 503);
    });
  });

  it('connection reset: fetch rejects', async () => {
    await withFaults({ reset: 1 }, async (emulator) => {
      await expect(myself(emulator)).rejects.toThrow();
      await expect(
        client(emulator)('/issues/_search', { method: 'POST', body: { query: '' } }),
      ).rejects.toThrow();
    });
  });

  it('truncated JSON: a complete 200 whose body does not parse', async () => {
    await withFaults({ truncated: 1 }, async (emulator) => {
      const reply = await myself(emulator);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      expect(reply.text.length).toBeGreaterThan(0);
      expect(Number(reply.headers.get('content-length'))).toBe(Buffer.byteLength(reply.text));
      expect(() => JSON.parse(reply.text) as unknown).toThrow(SyntaxError);
      expect(reply.text.startsWith('{"self":')).toBe(true);
      const search = await client(emulator)('/issues/_search', { method: 'POST', body: {} });
      expect(search.status).toBe(200);
      expect(search.headers.get('x-total-count')).toBe('10');
      expect(() => JSON.parse(search.text) as unknown).toThrow(SyntaxError);
    });
  });

  it('slow: answers normally after at least slowMs', async () => {
    await withFaults({ slow: 1, slowMs: 300 }, async (emulator) => {
      const started = performance.now();
      const reply = await myself(emulator);
      expect(performance.now() - started).toBeGreaterThanOrEqual(299);
      expect(reply.status).toBe(200);
      expect(obj(reply.body).login).toBe(emulator.login);
    });
  });

  it('draws the same faults for the same seed', async () => {
    const statuses = async (seed: number) => {
      const out: number[] = [];
      await withFaults(
        { rateLimited: 0.25, serverError: 0.25 },
        async (emulator) => {
          for (let i = 0; i < 24; i++) out.push((await myself(emulator)).status);
        },
        seed,
      );
      return out;
    };
    const a = await statuses(7);
    expect(await statuses(7)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 429, 500]));
    expect(await statuses(8)).not.toEqual(a);
  });
});

describe('parseFaults', () => {
  it('knows the presets', () => {
    expect(parseFaults('none')).toEqual(NO_FAULTS);
    expect(parseFaults('light')).toEqual(FAULT_PRESETS.light);
    expect(parseFaults(' heavy ')).toEqual(FAULT_PRESETS.heavy);
    expect(parseFaults('')).toEqual(NO_FAULTS);
  });

  it('parses share lists', () => {
    expect(
      parseFaults('429=0.1,429bare=0.05,500=0.02,503=0.02,slow=0.1:1500,reset=0.01,truncate=0.02'),
    ).toEqual({
      rateLimited: 0.1,
      rateLimitedBare: 0.05,
      serverError: 0.02,
      unavailable: 0.02,
      slow: 0.1,
      slowMs: 1500,
      reset: 0.01,
      truncated: 0.02,
    });
    expect(parseFaults('slow=0.5')).toEqual({ ...NO_FAULTS, slow: 0.5, slowMs: 1000 });
    expect(parseFaults(' 500=1 , ')).toEqual({ ...NO_FAULTS, serverError: 1 });
  });

  it('throws on a bad spec', () => {
    for (const spec of [
      'bogus=0.1',
      '429',
      '429=',
      '429=2',
      '429=-0.1',
      '500=lots',
      'slow=0.1:soon',
      'slow=0.1:',
      'slow=0.1:-5',
      'medium',
    ]) {
      expect(() => parseFaults(spec), spec).toThrow();
    }
  });
});

describe('FaultInjector', () => {
  const draw = (config: FaultConfig, seed: number, n = 200) => {
    const injector = new FaultInjector(config, seed);
    return Array.from({ length: n }, () => injector.decide());
  };

  it('is deterministic for a seed and differs between seeds', () => {
    const heavy = FAULT_PRESETS.heavy as FaultConfig;
    expect(draw(heavy, 42)).toEqual(draw(heavy, 42));
    expect(draw(heavy, 42)).not.toEqual(draw(heavy, 43));
    const kinds = new Set(draw(heavy, 42, 1000).map((d) => d.kind));
    expect(kinds).toEqual(new Set(['none', 'status', 'slow', 'reset', 'truncate']));
  });

  it('never faults with NO_FAULTS and always with a share of 1', () => {
    expect(draw(NO_FAULTS, 1).every((d) => d.kind === 'none')).toBe(true);
    expect(
      draw({ ...NO_FAULTS, unavailable: 1 }, 1).every(
        (d) => d.kind === 'status' && d.status === 503 && d.retryAfter === undefined,
      ),
    ).toBe(true);
    expect(
      draw({ ...NO_FAULTS, slow: 1, slowMs: 250 }, 1).every(
        (d) => d.kind === 'slow' && d.ms === 250,
      ),
    ).toBe(true);
  });

  it('draws each fault in about its share', () => {
    const decisions = draw({ ...NO_FAULTS, rateLimited: 0.2, reset: 0.1 }, 5, 5000);
    const share = (kind: string) => decisions.filter((d) => d.kind === kind).length / 5000;
    expect(share('status')).toBeGreaterThan(0.17);
    expect(share('status')).toBeLessThan(0.23);
    expect(share('reset')).toBeGreaterThan(0.08);
    expect(share('reset')).toBeLessThan(0.12);
  });
});
