import { describe, expect, it } from 'vitest';
import { createEventEmitter } from '../../../../main/ipc/events.ts';
import type { EventPayload } from '../../../../preload/contract.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

describe('event emitter', () => {
  it('broadcasts the payload on the prefixed wire channel', () => {
    const sent: Array<[string, unknown]> = [];
    const emitter = createEventEmitter(
      { broadcast: (c, p) => sent.push([c, p]) },
      createRecordingLogger(),
      true,
    );
    emitter.emit('app.online', { online: false, changedAt: 5 });
    expect(sent).toEqual([['tracker:app.online', { online: false, changedAt: 5 }]]);
  });

  it('drops and logs a payload that breaks the contract when validating', () => {
    const sent: unknown[] = [];
    const log = createRecordingLogger();
    const emitter = createEventEmitter({ broadcast: (c) => sent.push(c) }, log, true);
    emitter.emit('app.online', { online: 'maybe' } as unknown as EventPayload<'app.online'>);
    expect(sent).toEqual([]);
    expect(log.records.map((r) => r.message)).toContain('event violates contract');
  });

  it('survives a sink that throws', () => {
    const log = createRecordingLogger();
    const emitter = createEventEmitter(
      {
        broadcast: () => {
          throw new Error('window gone');
        },
      },
      log,
    );
    expect(() => emitter.emit('app.online', { online: true, changedAt: 1 })).not.toThrow();
    expect(log.records.map((r) => r.level)).toContain('warn');
  });
});
