/**
 * Links, worklogs and attachments. Attachment downloads serve the stored bytes with their content
 * type; uploads take a multipart `file` part (to an issue, or as a temporary upload whose id later
 * goes into `attachmentIds`).
 */
import { badRequest, notFound } from '../errors.ts';
import { cursorPage } from '../http/pagination.ts';
import { objectBody, parseUpload } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import type { AttachmentRecord } from '../model.ts';
import { idParam, type ApiContext } from './context.ts';

function issueKey(c: ApiContext): string {
  const issue = c.store.getIssue(c.params.key ?? '');
  if (!issue) throw notFound(`Issue ${c.params.key ?? ''} does not exist.`);
  return issue.key;
}

function sendFile(c: ApiContext, file: AttachmentRecord): void {
  const name = encodeURIComponent(file.name);
  c.res.writeHead(200, {
    'Content-Type': file.mimetype,
    'Content-Length': file.content.byteLength,
    'Content-Disposition': `attachment; filename*=UTF-8''${name}`,
    'X-Content-Type-Options': 'nosniff',
  });
  c.res.end(Buffer.from(file.content));
}

function attachmentOf(c: ApiContext, key: string): AttachmentRecord {
  const file = c.store.attachment(idParam(c.params.id, 'Attachment'));
  if (!file || file.issueKey !== key)
    throw notFound(`Attachment ${c.params.id ?? ''} does not exist.`);
  return file;
}

/** Registers link, worklog and attachment routes. */
export function relationRoutes(router: Router<ApiContext>): void {
  router.on('GET', '/issues/:key/links', (c) => {
    const key = issueKey(c);
    const page = cursorPage(c.store.links(key), c.url, (link) => String(link.id));
    c.send(
      200,
      page.items.map((link) => c.wire.link(link, key)),
      page.headers,
    );
  });
  router.on('POST', '/issues/:key/links', async (c) => {
    const key = issueKey(c);
    const body = objectBody(await c.json());
    const link = c.store.addLink(
      key,
      { relationship: body.relationship, issue: body.issue },
      c.caller.uid,
      c.now,
    );
    c.send(201, c.wire.link(link, key));
  });
  router.on('DELETE', '/issues/:key/links/:id', (c) => {
    c.store.deleteLink(issueKey(c), idParam(c.params.id, 'Link'), c.caller.uid, c.now);
    c.noContent();
  });

  router.on('GET', '/issues/:key/worklog', (c) => {
    const page = cursorPage(c.store.worklogs(issueKey(c)), c.url, (w) => String(w.id));
    c.send(
      200,
      page.items.map((w) => c.wire.worklog(w)),
      page.headers,
    );
  });
  router.on('POST', '/issues/:key/worklog', async (c) => {
    c.send(
      201,
      c.wire.worklog(
        c.store.addWorklog(issueKey(c), objectBody(await c.json()), c.caller.uid, c.now),
      ),
    );
  });
  router.on('PATCH', '/issues/:key/worklog/:id', async (c) => {
    const worklog = c.store.patchWorklog(
      issueKey(c),
      idParam(c.params.id, 'Worklog'),
      objectBody(await c.json()),
      c.caller.uid,
      c.now,
    );
    c.send(200, c.wire.worklog(worklog));
  });
  router.on('DELETE', '/issues/:key/worklog/:id', (c) => {
    c.store.deleteWorklog(issueKey(c), idParam(c.params.id, 'Worklog'), c.caller.uid, c.now);
    c.noContent();
  });
  router.on('GET', '/worklog', (c) => {
    const by = c.url.searchParams.get('createdBy');
    const user = by === null ? undefined : c.store.user(/^\d+$/.test(by) ? Number(by) : by);
    if (by !== null && !user) throw badRequest(`Unknown user ${by}`);
    const entries = c.store.allWorklogs().filter((w) => !user || w.createdByUid === user.uid);
    c.send(
      200,
      entries.map((w) => c.wire.worklog(w)),
    );
  });

  router.on('GET', '/issues/:key/attachments', (c) => {
    c.send(
      200,
      c.store.attachments(issueKey(c)).map((a) => c.wire.attachment(a)),
    );
  });
  router.on('GET', '/issues/:key/attachments/:id/:name', (c) =>
    sendFile(c, attachmentOf(c, issueKey(c))),
  );
  router.on('GET', '/issues/:key/thumbnails/:id', (c) => {
    const file = attachmentOf(c, issueKey(c));
    if (!file.mimetype.startsWith('image/')) throw notFound('This attachment has no thumbnail.');
    sendFile(c, file);
  });
  router.on('POST', '/issues/:key/attachments', async (c) => {
    const key = issueKey(c);
    const upload = await parseUpload(
      await c.raw(),
      c.req.headers['content-type'],
      c.url.searchParams.get('filename'),
    );
    c.send(201, c.wire.attachment(c.store.addAttachment(key, upload, c.caller.uid, c.now)));
  });
  router.on('POST', '/attachments', async (c) => {
    const upload = await parseUpload(
      await c.raw(),
      c.req.headers['content-type'],
      c.url.searchParams.get('filename'),
    );
    c.send(201, c.wire.attachment(c.store.addAttachment(null, upload, c.caller.uid, c.now)));
  });
  router.on('GET', '/attachments/:id/:name', (c) => {
    const file = c.store.attachment(idParam(c.params.id, 'Attachment'));
    if (!file) throw notFound(`Attachment ${c.params.id ?? ''} does not exist.`);
    sendFile(c, file);
  });
  router.on('DELETE', '/issues/:key/attachments/:id', (c) => {
    c.store.deleteAttachment(issueKey(c), idParam(c.params.id, 'Attachment'), c.caller.uid, c.now);
    c.noContent();
  });
}
