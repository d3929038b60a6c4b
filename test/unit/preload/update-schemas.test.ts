import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { UpdateStatusSchema } from '../../../preload/update-schemas.ts';

const MANUAL = {
  state: 'manual',
  currentVersion: '1.0.0',
  version: '1.1.0',
  reason: 'package',
  releaseUrl: 'https://github.com/o/r/releases/tag/v1.1.0',
} as const;

describe('UpdateStatusSchema', () => {
  it('round-trips every state', () => {
    for (const status of [
      { state: 'unsupported', currentVersion: '0.1.0' },
      { state: 'idle', currentVersion: '1.0.0', checkedAt: null },
      { state: 'idle', currentVersion: '1.0.0', checkedAt: 5, problem: 'offline' },
      { state: 'checking', currentVersion: '1.0.0' },
      { state: 'downloading', currentVersion: '1.0.0', version: '1.1.0-beta.2', percent: 40 },
      { state: 'ready', currentVersion: '1.0.0', version: '1.1.0' },
      { state: 'ready', currentVersion: '1.0.0', version: '1.2.3-beta.1+build.5' },
      MANUAL,
      { ...MANUAL, reason: 'download-failed', releaseUrl: null },
      { ...MANUAL, reason: 'install-failed' },
    ]) {
      expect(v.parse(UpdateStatusSchema, status)).toEqual(status);
    }
  });

  it('refuses a release page that is not https, odd versions and progress out of range', () => {
    const bad = [
      { ...MANUAL, releaseUrl: 'http://github.com/o/r' },
      { ...MANUAL, releaseUrl: 'javascript:alert(1)' },
      { ...MANUAL, version: '1.1' },
      { ...MANUAL, version: '1.1.0 <script>' },
      { ...MANUAL, reason: 'other' },
      { state: 'downloading', currentVersion: '1.0.0', version: '1.1.0', percent: 101 },
      { state: 'idle', currentVersion: '1.0.0', checkedAt: null, problem: 'a proxy said no' },
      { state: 'restarting', currentVersion: '1.0.0' },
    ];
    for (const status of bad) {
      expect(v.safeParse(UpdateStatusSchema, status).success, JSON.stringify(status)).toBe(false);
    }
  });
});
