/**
 * Comments (cursor pagination after a comment `id`), transitions along the workflow, and the
 * changelog (cursor pagination after an entry `id`, filterable by `field` and `type`).
 */
import { notFound } from '../errors.ts';
import { cursorPage } from '../http/pagination.ts';
import { objectBody } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import type { CommentRecord } from '../model.ts';
import { expectedVersion, type ApiContext } from './context.ts';

function issueKey(c: ApiContext): string {
  const issue = c.store.getIssue(c.params.key ?? '');
  if (!issue) throw notFound(`Issue ${c.params.key ?? ''} does not exist.`);
  return issue.key;
}

function renderComment(c: ApiContext, comment: CommentRecord) {
  const files = comment.attachmentIds
    .map((id) => c.store.attachment(id))
    .filter((file) => file !== undefined);
  return c.wire.comment(comment, files);
}

/** Registers comment, transition and changelog routes. */
export function commentRoutes(router: Router<ApiContext>): void {
  router.on('GET', '/issues/:key/comments', (c) => {
    const page = cursorPage(c.store.comments(issueKey(c)), c.url, (comment) => String(comment.id));
    c.send(
      200,
      page.items.map((comment) => renderComment(c, comment)),
      page.headers,
    );
  });

  router.on('POST', '/issues/:key/comments', async (c) => {
    const add = c.url.searchParams.get('isAddToFollowers');
    const comment = c.store.addComment(
      issueKey(c),
      objectBody(await c.json()),
      c.caller.uid,
      c.now,
      {
        addToFollowers: add === null ? true : add !== 'false',
      },
    );
    c.send(201, renderComment(c, comment));
  });

  router.on('GET', '/issues/:key/comments/:id', (c) => {
    const comment = c.store.comment(issueKey(c), c.params.id ?? '');
    if (!comment) throw notFound(`Comment ${c.params.id ?? ''} does not exist.`);
    c.send(200, renderComment(c, comment));
  });

  router.on('PATCH', '/issues/:key/comments/:id', async (c) => {
    const comment = c.store.editComment(
      issueKey(c),
      c.params.id ?? '',
      objectBody(await c.json()),
      c.caller.uid,
      c.now,
    );
    c.send(200, renderComment(c, comment));
  });

  router.on('DELETE', '/issues/:key/comments/:id', (c) => {
    c.store.deleteComment(issueKey(c), c.params.id ?? '', c.caller.uid, c.now);
    c.noContent();
  });

  router.on('GET', '/issues/:key/transitions', (c) => {
    const key = issueKey(c);
    c.send(
      200,
      c.store.transitions(key).map((t) => c.wire.transition(key, t)),
    );
  });

  router.on('POST', '/issues/:key/transitions/:id/_execute', async (c) => {
    const key = issueKey(c);
    const result = c.store.executeTransition(
      key,
      c.params.id ?? '',
      objectBody(await c.json()),
      c.caller.uid,
      c.now,
      { version: expectedVersion(c) },
    );
    c.send(
      200,
      result.transitions.map((t) => c.wire.transition(result.issue.key, t)),
    );
  });

  router.on('GET', '/issues/:key/changelog', (c) => {
    const key = issueKey(c);
    const field = c.url.searchParams.get('field') ?? undefined;
    const type = c.url.searchParams.get('type') ?? undefined;
    const entries = c.store
      .changelog(key)
      .filter(
        (e) => (!type || e.type === type) && (!field || e.fields.some((f) => f.field === field)),
      );
    if (c.url.searchParams.get('sort') === 'desc') entries.reverse();
    const page = cursorPage(entries, c.url, (entry) => entry.id);
    c.send(
      200,
      page.items.map((entry) => c.wire.change(entry)),
      page.headers,
    );
  });
}
