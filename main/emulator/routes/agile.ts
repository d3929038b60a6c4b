/** Boards, their columns and sprints, and saved filters. */
import { notFound } from '../errors.ts';
import type { Router } from '../http/router.ts';
import { idParam, type ApiContext } from './context.ts';

/** Registers board, sprint and saved-filter routes. */
export function agileRoutes(router: Router<ApiContext>): void {
  const board = (c: ApiContext) => {
    const found = c.store.board(idParam(c.params.id, 'Board'));
    if (!found) throw notFound(`Board ${c.params.id ?? ''} does not exist.`);
    return found;
  };
  router.on('GET', '/boards', (c) =>
    c.send(
      200,
      c.store.boards().map((b) => c.wire.board(b)),
    ),
  );
  router.on('GET', '/boards/:id', (c) => c.send(200, c.wire.board(board(c))));
  router.on('GET', '/boards/:id/columns', (c) => {
    const found = board(c);
    c.send(
      200,
      found.columns.map((column) => ({
        self: c.wire.self(`boards/${found.id}/columns/${column.id}`),
        id: column.id,
        display: column.display,
        statuses: column.statuses.map((status) => c.wire.statusRef(status)),
      })),
    );
  });
  router.on('GET', '/boards/:id/sprints', (c) => {
    const found = board(c);
    c.send(
      200,
      c.store.sprints(found.id).map((s) => c.wire.sprint(s)),
    );
  });
  router.on('GET', '/sprints/:id', (c) => {
    const sprint = c.store.sprint(idParam(c.params.id, 'Sprint'));
    if (!sprint) throw notFound(`Sprint ${c.params.id ?? ''} does not exist.`);
    c.send(200, c.wire.sprint(sprint));
  });
  router.on('GET', '/filters/:id', (c) => {
    const filter = c.store.filter(idParam(c.params.id, 'Filter'));
    if (!filter) throw notFound(`Filter ${c.params.id ?? ''} does not exist.`);
    c.send(200, c.wire.savedFilter(filter));
  });
}
