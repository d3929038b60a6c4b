import { afterEach, describe, expect, it } from 'vitest';
import { trapFocus } from '../../../../renderer/src/lib/focus-trap.ts';

afterEach(() => document.body.replaceChildren());

function dialog(html: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  return container;
}

const tab = (shiftKey = false, key = 'Tab') =>
  new KeyboardEvent('keydown', { key, shiftKey, cancelable: true });

const FORM = `
  <input id="name" />
  <button id="save">Save</button>
  <button id="off" disabled>Off</button>
  <button id="cancel">Cancel</button>
`;

describe('trapFocus', () => {
  it('moves Tab from the last control to the first', () => {
    const container = dialog(FORM);
    container.querySelector<HTMLElement>('#cancel')?.focus();
    const event = tab();
    expect(trapFocus(event, container)).toBe(true);
    expect(event.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('name');
  });

  it('moves Shift+Tab from the first control to the last enabled one', () => {
    const container = dialog(FORM);
    container.querySelector<HTMLElement>('#name')?.focus();
    const event = tab(true);
    expect(trapFocus(event, container)).toBe(true);
    expect(event.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('cancel');
  });

  it('leaves Tab alone between the ends, and other keys everywhere', () => {
    const container = dialog(FORM);
    container.querySelector<HTMLElement>('#save')?.focus();
    for (const event of [tab(), tab(true)]) {
      expect(trapFocus(event, container)).toBe(false);
      expect(event.defaultPrevented).toBe(false);
    }
    container.querySelector<HTMLElement>('#cancel')?.focus();
    const enter = tab(false, 'Enter');
    expect(trapFocus(enter, container)).toBe(false);
    expect(enter.defaultPrevented).toBe(false);
    expect(document.activeElement?.id).toBe('cancel');
  });

  it('cycles only through the controls the selector names', () => {
    const container = dialog(FORM);
    container.querySelector<HTMLElement>('#cancel')?.focus();
    expect(trapFocus(tab(), container, 'button:not(:disabled)')).toBe(true);
    expect(document.activeElement?.id).toBe('save');
  });

  it('does nothing without a dialog or without controls', () => {
    expect(trapFocus(tab(), undefined)).toBe(false);
    const event = tab();
    expect(trapFocus(event, dialog('<p>Nothing to focus</p>'))).toBe(false);
    expect(event.defaultPrevented).toBe(false);
  });
});
