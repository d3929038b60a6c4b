/**
 * A Svelte action that sets CSS custom properties through `element.style.setProperty`, which the
 * content security policy allows, unlike inline `style="…"` attributes.
 */
import type { Action } from 'svelte/action';

/** Custom property names (starting with `--`) and their values. */
export type CssVars = Readonly<Record<`--${string}`, string>>;

function apply(node: HTMLElement, vars: CssVars, previous: CssVars | undefined): void {
  for (const name of Object.keys(previous ?? {})) {
    if (!Object.hasOwn(vars, name)) node.style.removeProperty(name);
  }
  for (const [name, value] of Object.entries(vars)) node.style.setProperty(name, value);
}

/** `use:cssVars={{ '--height': '120px' }}`: keeps the element's custom properties in step. */
export const cssVars: Action<HTMLElement, CssVars> = (node, vars) => {
  let current = vars;
  apply(node, current, undefined);
  return {
    update(next: CssVars) {
      apply(node, next, current);
      current = next;
    },
  };
};
