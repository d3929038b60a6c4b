/**
 * Fault injection for the emulator's API, so retries, backoff and error handling meet what real
 * networks do: 429s with and without Retry-After, 500/503, slow answers, connection resets and
 * truncated JSON. Deterministic for a seed, configurable per run.
 */

/** Shares (0..1) of requests that get each fault, and how slow "slow" is. */
export interface FaultConfig {
  /** 429 with `Retry-After: 1`. */
  readonly rateLimited: number;
  /** 429 without Retry-After. */
  readonly rateLimitedBare: number;
  readonly serverError: number;
  readonly unavailable: number;
  readonly slow: number;
  readonly slowMs: number;
  readonly reset: number;
  readonly truncated: number;
}

/** No faults. */
export const NO_FAULTS: FaultConfig = {
  rateLimited: 0,
  rateLimitedBare: 0,
  serverError: 0,
  unavailable: 0,
  slow: 0,
  slowMs: 0,
  reset: 0,
  truncated: 0,
};

/** Named presets for the CLI's `--faults`. */
export const FAULT_PRESETS: Readonly<Record<string, FaultConfig>> = {
  none: NO_FAULTS,
  light: {
    ...NO_FAULTS,
    rateLimited: 0.02,
    serverError: 0.01,
    unavailable: 0.01,
    slow: 0.05,
    slowMs: 800,
  },
  heavy: {
    rateLimited: 0.08,
    rateLimitedBare: 0.04,
    serverError: 0.05,
    unavailable: 0.05,
    slow: 0.1,
    slowMs: 2000,
    reset: 0.03,
    truncated: 0.03,
  },
};

const SPEC_KEYS: Readonly<Record<string, keyof FaultConfig>> = {
  '429': 'rateLimited',
  '429bare': 'rateLimitedBare',
  '500': 'serverError',
  '503': 'unavailable',
  slow: 'slow',
  reset: 'reset',
  truncate: 'truncated',
};

/**
 * Parses `--faults`: a preset name (`none`, `light`, `heavy`) or a list like
 * `429=0.1,429bare=0.05,500=0.02,503=0.02,slow=0.1:1500,reset=0.01,truncate=0.02`.
 */
export function parseFaults(spec: string): FaultConfig {
  const preset = FAULT_PRESETS[spec.trim()];
  if (preset) return preset;
  const config: Record<keyof FaultConfig, number> = { ...NO_FAULTS };
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=');
    const key = name === undefined ? undefined : SPEC_KEYS[name];
    if (!key || value === undefined) {
      throw new Error(
        `unknown fault "${part}"; use ${Object.keys(SPEC_KEYS).join(', ')} or a preset (${Object.keys(FAULT_PRESETS).join(', ')})`,
      );
    }
    const [share, ms] = value.split(':');
    const rate = share?.trim() ? Number(share) : NaN;
    if (!(rate >= 0 && rate <= 1))
      throw new Error(`fault share for "${name}" must be between 0 and 1`);
    config[key] = rate;
    if (key === 'slow') {
      const delay = ms === undefined ? 1000 : Number(ms);
      if (ms === '' || !Number.isFinite(delay) || delay < 0) {
        throw new Error(`slow delay must be a number of milliseconds, got "${ms ?? ''}"`);
      }
      config.slowMs = delay;
    }
  }
  return config;
}

/** What to do with one request. */
export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'status'; readonly status: 429 | 500 | 503; readonly retryAfter?: string }
  | { readonly kind: 'slow'; readonly ms: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'truncate' };

/** Draws faults from a seeded generator (mulberry32), so a run with a seed is repeatable. */
export class FaultInjector {
  #state: number;

  constructor(
    public config: FaultConfig,
    seed = 1,
  ) {
    this.#state = seed >>> 0 || 1;
  }

  #next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Picks at most one fault for a request. */
  decide(): FaultDecision {
    const c = this.config;
    let roll = this.#next();
    const take = (share: number) => {
      if (roll < share) return true;
      roll -= share;
      return false;
    };
    if (take(c.rateLimited)) return { kind: 'status', status: 429, retryAfter: '1' };
    if (take(c.rateLimitedBare)) return { kind: 'status', status: 429 };
    if (take(c.serverError)) return { kind: 'status', status: 500 };
    if (take(c.unavailable)) return { kind: 'status', status: 503 };
    if (take(c.reset)) return { kind: 'reset' };
    if (take(c.truncated)) return { kind: 'truncate' };
    if (take(c.slow)) return { kind: 'slow', ms: c.slowMs };
    return { kind: 'none' };
  }
}
