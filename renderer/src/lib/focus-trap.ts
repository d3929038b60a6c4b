/** The controls a dialog's Tab cycle goes through, unless the caller names others. */
export const TRAP_CONTROLS = 'input, button:not(:disabled)';

/**
 * Keeps Tab and Shift+Tab cycling through a modal dialog's own controls: Tab on the last control
 * goes to the first, Shift+Tab on the first to the last; anywhere else the browser moves the
 * focus as usual. Call it from the dialog's keydown handler; other keys are left alone.
 *
 * @param event - The keydown event.
 * @param container - The dialog, or `undefined` while it is not rendered.
 * @param selector - The controls to cycle through, in document order.
 * @returns Whether the focus was moved (and the event's default prevented).
 */
export function trapFocus(
  event: KeyboardEvent,
  container: HTMLElement | undefined,
  selector: string = TRAP_CONTROLS,
): boolean {
  if (event.key !== 'Tab' || !container) return false;
  const controls = [...container.querySelectorAll<HTMLElement>(selector)];
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return false;
  const active = container.ownerDocument.activeElement;
  let target: HTMLElement | null = null;
  if (event.shiftKey && active === first) target = last;
  else if (!event.shiftKey && active === last) target = first;
  if (!target) return false;
  event.preventDefault();
  target.focus();
  return true;
}
