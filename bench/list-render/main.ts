/**
 * The list-render bench page: the real IssueList and IssueListState over synthetic issues held in
 * memory, with the production CSS and CSP. It measures nothing on its own; bench/list-render.ts and
 * test/e2e/list-virtualization.spec.ts drive it through `window.listBench` (see api.ts).
 *
 * How "painted" is detected: a requestAnimationFrame callback runs in the rendering steps of the
 * next frame, just before style, layout and paint; a message posted from it is handled as a task
 * after that frame's rendering has finished. Its timestamp is therefore the end of the first frame
 * that contains the DOM as it was when we asked (a double rAF would add a whole extra frame). The
 * compositor still needs up to one vsync to put the frame on the display, which this does not see.
 */
import { mount, unmount } from 'svelte';
import '../../renderer/src/app.css';
import './bench.css';
import type { IssueSummary } from '../../preload/contract.ts';
import IssueList from '../../renderer/src/components/issues/IssueList.svelte';
import { I18n, i18nContext } from '../../renderer/src/lib/i18n/i18n.svelte.ts';
import {
  IssueListState,
  type IssuePage,
  type IssuePageRequest,
  type IssueSort,
} from '../../renderer/src/lib/list/issue-list.svelte.ts';
import type { FirstScreenSample, ListBench, RowSnapshot, ScrollRun } from './api.ts';
import { syntheticIssues } from './data.ts';

const ROW_HEIGHT = 36;
const OVERSCAN = 8;

const host = document.getElementById('app');
if (!host) throw new Error('index.html has no #app element');
const i18n = new I18n('en', { timeZone: 'Europe/Moscow' });

const datasets = new Map<number, IssueSummary[]>();
function dataset(total: number): IssueSummary[] {
  let rows = datasets.get(total);
  if (!rows) {
    rows = syntheticIssues(total);
    datasets.set(total, rows);
  }
  return rows;
}

/** Rows in the requested order; the data is generated in the default order (updated, newest first). */
const sorted = new Map<string, IssueSummary[]>();
function ordered(rows: IssueSummary[], sort: IssueSort): IssueSummary[] {
  if (sort.field === 'updated' && sort.direction === 'desc') return rows;
  const id = `${rows.length}:${sort.field}:${sort.direction}`;
  let result = sorted.get(id);
  if (!result) {
    const value = (issue: IssueSummary): string | number =>
      sort.field === 'updated'
        ? issue.updatedAt
        : sort.field === 'key' || sort.field === 'summary'
          ? issue[sort.field]
          : sort.field === 'assignee'
            ? (issue.assignee?.display ?? '')
            : (issue[sort.field]?.display ?? '');
    const sign = sort.direction === 'asc' ? 1 : -1;
    result = [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return x < y ? -sign : x > y ? sign : 0;
    });
    sorted.set(id, result);
  }
  return result;
}

let mounted: { component: ReturnType<typeof mount>; total: number } | undefined;

function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve(performance.now());
      };
      channel.port2.postMessage(null);
    });
  });
}

function viewportElement(): HTMLElement {
  const viewport = host?.querySelector<HTMLElement>('[data-testid="issue-list"] .viewport');
  if (!viewport) throw new Error('no list is mounted');
  return viewport;
}

function rowElements(): NodeListOf<HTMLElement> {
  return viewportElement().querySelectorAll<HTMLElement>('[role="row"]');
}

function snapshot(): RowSnapshot {
  const viewport = viewportElement();
  return {
    scrollTop: viewport.scrollTop,
    viewportHeight: viewport.clientHeight,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    rows: [...rowElements()].map((row) => ({
      rowIndex: Number(row.getAttribute('aria-rowindex')),
      key: row.dataset['key'] ?? null,
    })),
  };
}

/**
 * Whether the rows drawn near the top and the bottom edge of the viewport are the ones scrollTop
 * calls for. It probes the centre of the second row from the top and of the second from the
 * bottom, so sub-pixel positions never put a probe on a row boundary.
 */
function showsScrollPosition(viewport: HTMLElement): boolean {
  const box = viewport.getBoundingClientRect();
  const top = viewport.scrollTop;
  const rowAt = (row: number) => {
    const y = box.top + viewport.clientTop + row * ROW_HEIGHT + ROW_HEIGHT / 2 - top;
    const hit = document.elementFromPoint(box.left + 20, y)?.closest('[role="row"]');
    return Number(hit?.getAttribute('aria-rowindex')) - 2;
  };
  const first = Math.floor(top / ROW_HEIGHT) + 1;
  const last = Math.floor((top + viewport.clientHeight) / ROW_HEIGHT) - 1;
  return rowAt(first) === first && rowAt(last) === last;
}

function unmountList(): void {
  if (mounted) void unmount(mounted.component);
  mounted = undefined;
}

async function firstScreen(total: number): Promise<FirstScreenSample> {
  unmountList();
  const rows = dataset(total);
  // Until `release`, answers wait here, so the placeholders are on screen when the data arrives.
  let held: (() => void)[] | undefined = [];
  const load = (request: IssuePageRequest): Promise<IssuePage> => {
    const answer = (): IssuePage => ({
      rows: ordered(rows, request.sort).slice(request.offset, request.offset + request.limit),
      total,
    });
    const queue = held;
    if (!queue) return Promise.resolve(answer());
    return new Promise((resolve) => queue.push(() => resolve(answer())));
  };
  const list = new IssueListState(load);
  const component = mount(IssueList, {
    target: host!,
    props: { list, label: 'Issues', rowHeight: ROW_HEIGHT, overscan: OVERSCAN },
    context: i18nContext(i18n),
  });
  mounted = { component, total };
  while (held.length === 0) await afterNextPaint();
  await afterNextPaint();

  const viewport = viewportElement();
  let domAt = 0;
  const observer = new MutationObserver(() => {
    if (domAt === 0 && viewport.querySelector('[data-testid="issue-row"]')) {
      domAt = performance.now();
    }
  });
  observer.observe(viewport, { childList: true, subtree: true });

  const release = held;
  held = undefined;
  performance.mark('list:data-arrived');
  const arrived = performance.now();
  for (const answer of release) answer();
  const paintedAt = await afterNextPaint();
  performance.mark('list:first-screen-painted');
  observer.disconnect();
  if (domAt === 0) throw new Error('the rows were not rendered in the frame after the data');
  return {
    domMs: domAt - arrived,
    paintMs: paintedAt - arrived,
    rows: rowElements().length,
  };
}

async function scrollTo(top: number): Promise<RowSnapshot> {
  viewportElement().scrollTop = top;
  await afterNextPaint();
  return snapshot();
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

async function scrollRun(
  options: { maxSweepSteps?: number; jumps?: number; seed?: number } = {},
): Promise<ScrollRun> {
  const viewport = viewportElement();
  const maxScroll = viewport.scrollHeight - viewport.clientHeight;
  const sweepStep = Math.max(viewport.clientHeight, maxScroll / (options.maxSweepSteps ?? 400));
  const next = seeded(options.seed ?? 7);
  const positions: number[] = [0];
  for (let top = sweepStep; top < maxScroll; top += sweepStep) positions.push(Math.round(top));
  positions.push(maxScroll, Math.round(maxScroll / 2), 0);
  for (let i = 0; i < (options.jumps ?? 100); i++) positions.push(Math.round(next() * maxScroll));
  positions.push(maxScroll);

  const updateMs: number[] = [];
  const frameMs: number[] = [];
  const mismatchAt: number[] = [];
  // A capture listener on the document runs before the list's own scroll handler (capture comes
  // first even for events that do not bubble): the frame's work starts there. The listener on the
  // viewport, added after the list's, runs once the list has re-rendered (Svelte flushes in the
  // microtask checkpoint after that handler); reading offsetTop forces style and layout of the new
  // rows. The frame ends when it has been rendered (afterNextPaint).
  let frameStart = 0;
  const onScrollStart = (event: Event) => {
    if (event.target === viewport) frameStart = performance.now();
  };
  const onScrollEnd = () => {
    void viewport.querySelector<HTMLElement>('[role="row"]:last-child')?.offsetTop;
    updateMs.push(performance.now() - frameStart);
  };
  document.addEventListener('scroll', onScrollStart, { capture: true });
  viewport.addEventListener('scroll', onScrollEnd);
  let maxRows = 0;
  let maxRowsInDocument = 0;
  let placeholderFrames = 0;
  await afterNextPaint();
  try {
    for (const top of positions) {
      frameStart = 0;
      viewport.scrollTop = top;
      const painted = await afterNextPaint();
      if (frameStart > 0) frameMs.push(painted - frameStart);
      maxRows = Math.max(maxRows, rowElements().length);
      maxRowsInDocument = Math.max(
        maxRowsInDocument,
        document.querySelectorAll('[role="row"]').length,
      );
      if (viewport.querySelector('[data-testid="issue-row-placeholder"]')) placeholderFrames++;
      if (!showsScrollPosition(viewport)) mismatchAt.push(viewport.scrollTop);
      // The checks above forced a layout between frames; let a quiet frame pass so the next step
      // starts clean.
      await afterNextPaint();
    }
  } finally {
    document.removeEventListener('scroll', onScrollStart, { capture: true });
    viewport.removeEventListener('scroll', onScrollEnd);
  }
  return {
    steps: positions.length,
    maxRows,
    maxRowsInDocument,
    mismatches: mismatchAt.length,
    mismatchAt: mismatchAt.slice(0, 10),
    placeholderFrames,
    updateMs,
    frameMs,
  };
}

const api: ListBench = { firstScreen, scrollRun, scrollTo, snapshot, unmount: unmountList };
window.listBench = api;
document.documentElement.dataset['benchReady'] = 'true';
