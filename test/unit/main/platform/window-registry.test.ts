import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createWindowRegistry } from '../../../../main/platform/window-registry.ts';

class Contents extends EventEmitter {
  destroyed = false;
  sent: Array<[string, unknown]> = [];
  failing = false;
  constructor(readonly id: number) {
    super();
  }
  isDestroyed = () => this.destroyed;
  send = (channel: string, payload: unknown) => {
    if (this.failing) throw new Error('gone');
    this.sent.push([channel, payload]);
  };
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

describe('window registry', () => {
  it('trusts only webContents it was given', () => {
    const registry = createWindowRegistry();
    registry.add(new Contents(1));
    expect(registry.isTrusted(1)).toBe(true);
    expect(registry.isTrusted(2)).toBe(false);
  });

  it('forgets a webContents once it is destroyed', () => {
    const registry = createWindowRegistry();
    const contents = new Contents(1);
    registry.add(contents);
    contents.destroy();
    expect(registry.isTrusted(1)).toBe(false);
    expect(registry.size()).toBe(0);
  });

  it('does not trust a webContents that is destroyed but has not said so yet', () => {
    const registry = createWindowRegistry();
    const contents = new Contents(1);
    registry.add(contents);
    contents.destroyed = true;
    expect(registry.isTrusted(1)).toBe(false);
  });

  it('ignores an already destroyed webContents', () => {
    const registry = createWindowRegistry();
    const contents = new Contents(1);
    contents.destroyed = true;
    registry.add(contents);
    expect(registry.size()).toBe(0);
  });

  it('broadcasts to every live webContents and skips destroyed ones', () => {
    const registry = createWindowRegistry();
    const [a, b, c] = [new Contents(1), new Contents(2), new Contents(3)];
    for (const contents of [a, b, c]) registry.add(contents);
    c.destroy();
    b.destroyed = true;
    registry.broadcast('tracker:app.online', { online: false });
    expect(a.sent).toEqual([['tracker:app.online', { online: false }]]);
    expect(b.sent).toEqual([]);
    expect(c.sent).toEqual([]);
  });

  it('keeps delivering when one send throws', () => {
    const errors: unknown[] = [];
    const registry = createWindowRegistry({ onSendError: (error) => errors.push(error) });
    const [a, b] = [new Contents(1), new Contents(2)];
    a.failing = true;
    registry.add(a);
    registry.add(b);
    expect(() => registry.broadcast('x', 1)).not.toThrow();
    expect(b.sent).toEqual([['x', 1]]);
    expect(errors).toHaveLength(1);
  });
});
