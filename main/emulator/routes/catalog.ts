/**
 * Users, queues, fields and the global dictionaries. `myself` is an object (third-party clients
 * read it so; the docs show a one-element array, which the `myselfAsArray` quirk reproduces).
 */
import { notFound } from '../errors.ts';
import { seekPage } from '../http/pagination.ts';
import type { Router } from '../http/router.ts';
import type { Json } from '../wire/index.ts';
import { expands, type ApiContext } from './context.ts';

/** Quirks a test can switch on to see the client cope with the service's other shapes. */
export interface CatalogQuirks {
  readonly myselfAsArray?: boolean;
}

/** Registers the catalog routes. */
export function catalogRoutes(router: Router<ApiContext>, quirks: CatalogQuirks = {}): void {
  router.on('GET', '/myself', (c) => {
    const user = c.store.user(c.caller.uid);
    if (!user) throw notFound('The current user does not exist');
    const body = c.wire.user(user);
    c.send(200, quirks.myselfAsArray ? [body] : body);
  });

  router.on('GET', '/users', (c) => {
    const page = seekPage(c.store.users(), c.url);
    c.send(
      200,
      page.items.map((user) => c.wire.user(user)),
      page.headers,
    );
  });

  router.on('GET', '/users/:id', (c) => {
    const raw = c.params.id ?? '';
    const user = c.store.user(/^\d+$/.test(raw) ? Number(raw) : raw);
    if (!user) throw notFound(`User ${raw} does not exist`);
    c.send(200, c.wire.user(user));
  });

  router.on('GET', '/queues', (c) => {
    const page = seekPage(c.store.queues(), c.url);
    c.send(
      200,
      page.items.map((queue) => c.wire.queue(queue, true)),
      page.headers,
    );
  });

  router.on('GET', '/queues/:key', (c) => {
    const queue = c.store.queue(c.params.key ?? '');
    // Keys are case-sensitive in the service.
    if (!queue || (queue.key !== c.params.key && String(queue.id) !== c.params.key)) {
      throw notFound(`Queue ${c.params.key ?? ''} does not exist`);
    }
    const body = c.wire.queue(queue, false);
    const wanted = expands(c.url);
    const all = wanted.has('all');
    if (all || wanted.has('team'))
      body.teamUsers = queue.teamUids.map((uid) => c.wire.userRef(uid));
    if (all || wanted.has('types') || wanted.has('issueTypes')) {
      body.issueTypes = queue.issueTypes.map((type) => c.wire.typeRef(type));
    }
    if (all || wanted.has('workflows')) {
      const workflow = c.store.workflowOfQueue(queue.key);
      body.workflows = workflow
        ? { [workflow.id]: queue.issueTypes.map((type) => c.wire.typeRef(type)) }
        : {};
    }
    if (all || wanted.has('fields'))
      body.fields = c.store.localFields(queue.key).map((f) => c.wire.field(f));
    c.send(200, body);
  });

  router.on('GET', '/queues/:key/fields', (c) => {
    const queue = c.store.queue(c.params.key ?? '');
    if (!queue) throw notFound(`Queue ${c.params.key ?? ''} does not exist`);
    const required = c.store
      .fields()
      .filter((f) => ['summary', 'queue', 'type', 'priority'].includes(f.id));
    c.send(
      200,
      required.map((f) => c.wire.field(f)),
    );
  });

  router.on('GET', '/queues/:key/localFields', (c) => {
    const queue = c.store.queue(c.params.key ?? '');
    if (!queue) throw notFound(`Queue ${c.params.key ?? ''} does not exist`);
    c.send(
      200,
      c.store.localFields(queue.key).map((f) => c.wire.field(f)),
    );
  });

  router.on('GET', '/fields', (c) =>
    c.send(
      200,
      c.store.fields().map((f) => c.wire.field(f)),
    ),
  );
  router.on('GET', '/fields/:id', (c) => {
    const field = c.store.field(c.params.id ?? '');
    if (!field) throw notFound(`Field ${c.params.id ?? ''} does not exist`);
    c.send(200, c.wire.field(field));
  });

  router.on('GET', '/statuses', (c) =>
    c.send(
      200,
      c.store.statuses().map((s) => c.wire.status(s)),
    ),
  );
  router.on('GET', '/priorities', (c) =>
    c.send(
      200,
      c.store.priorities().map((p) => c.wire.priority(p)),
    ),
  );
  router.on('GET', '/issuetypes', (c) =>
    c.send(
      200,
      c.store.issueTypes().map((t) => c.wire.issueType(t)),
    ),
  );
  router.on('GET', '/resolutions', (c) =>
    c.send(
      200,
      c.store.resolutions().map((r) => c.wire.resolution(r)),
    ),
  );
  // The targets of the `self` URLs inside references (`issue.status.self`, …): clients such as the
  // official Python one load a reference lazily by GETting its `self`.
  const single = <T>(
    path: string,
    find: (c: ApiContext, id: string) => T | undefined,
    render: (c: ApiContext, item: T) => Json,
  ) =>
    router.on('GET', `/${path}/:id`, (c) => {
      const item = find(c, c.params.id ?? '');
      if (item === undefined) throw notFound(`No ${path} entry ${c.params.id ?? ''}`);
      c.send(200, render(c, item));
    });
  single(
    'statuses',
    (c, id) => c.store.status(id),
    (c, s) => c.wire.status(s),
  );
  single(
    'priorities',
    (c, id) => c.store.priority(id),
    (c, p) => c.wire.priority(p),
  );
  single(
    'issuetypes',
    (c, id) => c.store.issueType(id),
    (c, t) => c.wire.issueType(t),
  );
  single(
    'resolutions',
    (c, id) => c.store.resolution(id),
    (c, r) => c.wire.resolution(r),
  );

  router.on('GET', '/linktypes', (c) => {
    const types: Json[] = c.store.linkTypes().map((type) => ({
      self: c.wire.self(`linktypes/${type.id}`),
      id: type.id,
      inward: c.wire.text(type.inward),
      outward: c.wire.text(type.outward),
    }));
    c.send(200, types);
  });
}
