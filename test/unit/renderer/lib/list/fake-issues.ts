import type { IssueSummary } from '../../../../../preload/contract.ts';
import type {
  IssuePage,
  IssuePageRequest,
} from '../../../../../renderer/src/lib/list/issue-list.svelte.ts';

/** Issue number `n` (0-based) of a fake list; every seventh is resolved. */
export function fakeIssue(n: number, prefix = 'Q'): IssueSummary {
  return {
    key: `${prefix}-${n + 1}`,
    summary: `Issue number ${n + 1}`,
    queue: prefix,
    status: { key: 'open', display: 'Open' },
    priority: { key: 'normal', display: 'Normal' },
    type: null,
    assignee: n % 3 === 0 ? null : { login: 'ann', display: 'Ann' },
    updatedAt: Date.UTC(2025, 0, 2, 3, 4) + n * 60_000,
    createdAt: Date.UTC(2025, 0, 1),
    resolved: n % 7 === 6,
  };
}

interface Pending {
  request: IssuePageRequest;
  resolve: (page: IssuePage) => void;
  reject: (error: unknown) => void;
}

/**
 * A loader over `total` fake issues. With `manual`, requests wait until `flush()` (or `answer(i)`);
 * otherwise they answer on the next microtask. Descending sorts prefix keys with `D` so a test can
 * tell which sort a row came from.
 */
export function createFakeLoader(total: number, options: { manual?: boolean } = {}) {
  const requests: IssuePageRequest[] = [];
  const pending: Pending[] = [];
  const page = (request: IssuePageRequest): IssuePage => {
    const prefix = request.sort.direction === 'desc' ? 'D' : 'Q';
    const end = Math.min(total, request.offset + request.limit);
    const rows: IssueSummary[] = [];
    for (let n = request.offset; n < end; n++) rows.push(fakeIssue(n, prefix));
    return { rows, total };
  };
  const load = (request: IssuePageRequest): Promise<IssuePage> => {
    requests.push(request);
    if (!options.manual) return Promise.resolve(page(request));
    return new Promise((resolve, reject) => pending.push({ request, resolve, reject }));
  };
  return {
    load,
    requests,
    pending,
    /** Answers the pending request at `index`. */
    answer(index = 0): void {
      const [item] = pending.splice(index, 1);
      item?.resolve(page(item.request));
    },
    /** Fails the pending request at `index`. */
    fail(index = 0, error: unknown = new Error('boom')): void {
      const [item] = pending.splice(index, 1);
      item?.reject(error);
    },
    /** Answers every pending request. */
    flush(): void {
      while (pending.length > 0) this.answer(0);
    },
  };
}
