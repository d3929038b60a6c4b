import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Summary statistics of repeated measurements, in the unit they were taken. */
export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Median, 95th percentile, min and max of `samples` (which it sorts in place). */
export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return {
    runs: samples.length,
    median: at(0.5),
    p95: at(0.95),
    min: samples[0] ?? NaN,
    max: samples.at(-1) ?? NaN,
  };
}

/** Whether the module at `moduleUrl` is the process entry point (not imported by a test or script). */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}
