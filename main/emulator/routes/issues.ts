/**
 * Issue get / create / patch / move, `_findByUnique`, `_search` (pages and scroll), `_count` and
 * scroll release. PATCH takes the expected version from `?version=` or from the `If-Match` header
 * the official Python client sends; a stale one is a 409.
 */
import { badRequest, conflict, notFound } from '../errors.ts';
import { intParam, seekPage } from '../http/pagination.ts';
import { objectBody } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import type { IssueRecord } from '../model.ts';
import type { JsonObject } from '../wire/index.ts';
import { expands, expectedVersion, type ApiContext } from './context.ts';

/** An issue as the caller sees it, with `expand=transitions,attachments` honoured. */
export function renderIssue(c: ApiContext, issue: IssueRecord, expand: Set<string>): JsonObject {
  const body = c.wire.issueFor(issue, c.caller.uid);
  if (expand.has('transitions')) {
    body.transitions = c.store.transitions(issue.key).map((t) => c.wire.transition(issue.key, t));
  }
  if (expand.has('attachments')) {
    body.attachments = c.store.attachments(issue.key).map((a) => c.wire.attachment(a));
  }
  return body;
}

function requireIssue(c: ApiContext, key: string | undefined): IssueRecord {
  const issue = c.store.getIssue(key ?? '');
  if (!issue) throw notFound(`Issue ${key ?? ''} does not exist.`);
  return issue;
}

/** Registers the issue and search routes. */
export function issueRoutes(router: Router<ApiContext>): void {
  router.on('GET', '/issues/:key', (c) => {
    c.send(200, renderIssue(c, requireIssue(c, c.params.key), expands(c.url)));
  });

  router.on('POST', '/issues', async (c) => {
    const result = c.store.createIssue(objectBody(await c.json()), c.caller.uid, c.now);
    if ('duplicate' in result) {
      throw conflict(
        `An issue with unique key ${result.duplicate.unique ?? ''} already exists: ${result.duplicate.key}`,
      );
    }
    c.send(201, renderIssue(c, result.created, new Set()));
  });

  router.on('POST', '/issues/_findByUnique', (c) => {
    const unique = c.url.searchParams.get('unique');
    if (!unique) throw badRequest('"unique" is required');
    const issue = c.store.findByUnique(unique);
    if (!issue) throw notFound(`No issue was created with unique key ${unique}`);
    c.send(200, renderIssue(c, issue, new Set()));
  });

  router.on('PATCH', '/issues/:key', async (c) => {
    const issue = requireIssue(c, c.params.key);
    const updated = c.store.patchIssue(
      issue.key,
      objectBody(await c.json()),
      { version: expectedVersion(c) },
      c.caller.uid,
      c.now,
    );
    c.send(200, renderIssue(c, updated, new Set()));
  });

  router.on('POST', '/issues/:key/_move', (c) => {
    const issue = requireIssue(c, c.params.key);
    const queue = c.url.searchParams.get('queue');
    if (!queue) throw badRequest('"queue" is required');
    c.send(
      200,
      renderIssue(c, c.store.moveIssue(issue.key, queue, c.caller.uid, c.now), new Set()),
    );
  });

  router.on('POST', '/issues/_search', async (c) => {
    const body = objectBody(await c.json());
    const expand = expands(c.url);
    const scrollId = c.url.searchParams.get('scrollId');
    const scrollType = c.url.searchParams.get('scrollType');
    const ttl = c.url.searchParams.has('scrollTTLMillis')
      ? intParam(c.url, 'scrollTTLMillis', 60_000, 600_000)
      : null;
    if (scrollId || scrollType) {
      if (scrollType && scrollType !== 'sorted' && scrollType !== 'unsorted') {
        throw badRequest('"scrollType" must be "sorted" or "unsorted"');
      }
      const page = scrollId
        ? c.search.continueScroll(scrollId, ttl)
        : c.search.startScroll(body, c.caller.uid, {
            sorted: scrollType === 'sorted',
            perScroll: intParam(c.url, 'perScroll', 100, 1000),
            ttlMs: ttl ?? 60_000,
          });
      const headers: Record<string, string> = { 'X-Total-Count': String(page.totalCount) };
      const first = new URL(c.url.href);
      first.searchParams.delete('scrollId');
      first.searchParams.delete('scrollToken');
      const links = [`<${first.href}>; rel="first"`];
      if (page.scrollId && page.scrollToken) {
        headers['X-Scroll-Id'] = page.scrollId;
        headers['X-Scroll-Token'] = page.scrollToken;
        const next = new URL(c.url.href);
        for (const name of ['scrollType', 'perScroll', 'expand']) next.searchParams.delete(name);
        next.searchParams.set('scrollId', page.scrollId);
        next.searchParams.set('scrollToken', page.scrollToken);
        links.push(`<${next.href}>; rel="next"`);
      }
      headers.Link = links.join(', ');
      c.send(
        200,
        page.issues.map((issue) => renderIssue(c, issue, expand)),
        headers,
      );
      return;
    }
    const { issues } = c.search.select(body, c.caller.uid);
    const page = seekPage(issues, c.url);
    c.send(
      200,
      page.items.map((issue) => renderIssue(c, issue, expand)),
      page.headers,
    );
  });

  router.on('POST', '/issues/_count', async (c) => {
    c.send(200, c.search.count(objectBody(await c.json()), c.caller.uid));
  });

  router.on('POST', '/system/search/scroll/_clear', async (c) => {
    const body = objectBody(await c.json());
    c.search.clearScrolls(Object.keys(body));
    c.send(200, {});
  });
}
