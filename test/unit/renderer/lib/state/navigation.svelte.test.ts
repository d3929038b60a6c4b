import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  Navigation,
  sameRoute,
  sameView,
} from '../../../../../renderer/src/lib/state/navigation.svelte.ts';

describe('Navigation', () => {
  it('starts on the default view with nowhere to go back to', () => {
    const navigation = new Navigation();
    expect(navigation.route).toEqual({ screen: 'view', view: DEFAULT_VIEW });
    expect(navigation.canGoBack).toBe(false);
    expect(navigation.back()).toBe(false);
  });

  it('goes forward and back through the history', () => {
    const navigation = new Navigation();
    navigation.goView({ kind: 'inbox' });
    navigation.openIssue('TEST-1');
    navigation.openSettings();
    expect(navigation.route).toEqual({ screen: 'settings' });
    expect(navigation.canGoBack).toBe(true);
    expect(navigation.back()).toBe(true);
    expect(navigation.route).toEqual({ screen: 'issue', key: 'TEST-1' });
    navigation.back();
    expect(navigation.route).toEqual({ screen: 'view', view: { kind: 'inbox' } });
    navigation.back();
    expect(navigation.route).toEqual({ screen: 'view', view: DEFAULT_VIEW });
    expect(navigation.canGoBack).toBe(false);
  });

  it('the same route again is not a new history step', () => {
    const navigation = new Navigation();
    navigation.goView({ kind: 'queue', queue: 'TEST' });
    navigation.goView({ kind: 'queue', queue: 'TEST' });
    navigation.back();
    expect(navigation.route).toEqual({ screen: 'view', view: DEFAULT_VIEW });
    expect(navigation.canGoBack).toBe(false);
  });

  it('remembers the last list view, and back without history returns to it', () => {
    const navigation = new Navigation();
    navigation.goView({ kind: 'search', text: 'bug', mode: 'text' });
    navigation.openIssue('TEST-2');
    expect(navigation.lastView).toEqual({ kind: 'search', text: 'bug', mode: 'text' });
    navigation.reset();
    expect(navigation.lastView).toEqual(DEFAULT_VIEW);
    expect(navigation.canGoBack).toBe(false);
    navigation.go({ screen: 'issue', key: 'TEST-3' });
    navigation.reset();
    navigation.route = { screen: 'settings' };
    expect(navigation.back()).toBe(true);
    expect(navigation.route).toEqual({ screen: 'view', view: DEFAULT_VIEW });
  });

  it('keeps at most 50 steps of history', () => {
    const navigation = new Navigation();
    for (let i = 1; i <= 60; i += 1) navigation.openIssue(`TEST-${i}`);
    let steps = 0;
    while (navigation.back()) steps += 1;
    // 50 steps of history, then one more from the issue to the last view.
    expect(steps).toBe(51);
    expect(navigation.route).toEqual({ screen: 'view', view: DEFAULT_VIEW });
  });

  it('compares views and routes by value', () => {
    expect(sameView({ kind: 'queue', queue: 'A' }, { kind: 'queue', queue: 'A' })).toBe(true);
    expect(sameView({ kind: 'queue', queue: 'A' }, { kind: 'queue', queue: 'B' })).toBe(false);
    expect(sameRoute({ screen: 'settings' }, { screen: 'settings' })).toBe(true);
  });
});
