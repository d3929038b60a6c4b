/**
 * The filter chips of a list view: the values each chip offers (with counts) and which of them
 * the user selected. The view owns one and reloads its rows when the selection changes.
 */
import type { Facets, IpcError } from '../../../../preload/contract.ts';
import { toIpcError } from '../bridge.ts';
import {
  FILTER_KINDS,
  hasFilters,
  NO_FILTERS,
  type FilterKind,
  type ViewFilters,
} from '../list/views.ts';

/** Chip values and the selected filters, as reactive fields. */
export class FilterState {
  /** What the chips offer; null until known. */
  facets: Facets | null = $state.raw(null);
  /** Why the chip values could not be loaded (the list still works without them). */
  error: IpcError | null = $state(null);
  /** The selected values of every chip. */
  filters: ViewFilters = $state.raw(NO_FILTERS);
  /** True when any chip has a value selected. */
  readonly active: boolean = $derived(hasFilters(this.filters));

  readonly #changed: () => void;

  /** `changed` runs after every change of the selection (the view reloads its rows there). */
  constructor(changed: () => void = () => {}) {
    this.#changed = changed;
  }

  /** Loads the chip values with `fetch`; never throws. */
  async load(fetch: () => Promise<Facets>): Promise<void> {
    try {
      this.facets = await fetch();
      this.error = null;
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  /** True when `key` is selected on chip `kind`. */
  has(kind: FilterKind, key: string): boolean {
    return this.filters[kind].includes(key);
  }

  /** Selects `key` on chip `kind`, or deselects it when selected. */
  toggle(kind: FilterKind, key: string): void {
    const current = this.filters[kind];
    const next = current.includes(key) ? current.filter((k) => k !== key) : [...current, key];
    this.filters = { ...this.filters, [kind]: next };
    this.#changed();
  }

  /** Deselects every value of chip `kind`. */
  clearKind(kind: FilterKind): void {
    if (this.filters[kind].length === 0) return;
    this.filters = { ...this.filters, [kind]: [] };
    this.#changed();
  }

  /** Deselects everything. */
  clear(): void {
    if (!this.active) return;
    this.filters = NO_FILTERS;
    this.#changed();
  }

  /** The selected filters as `issues.list` takes them (empty chips left out). */
  request(): Partial<Record<FilterKind, string[]>> {
    const request: Partial<Record<FilterKind, string[]>> = {};
    for (const kind of FILTER_KINDS) {
      if (this.filters[kind].length > 0) request[kind] = [...this.filters[kind]];
    }
    return request;
  }
}
