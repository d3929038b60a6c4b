/** The emulator's Tracker API routes, mounted under `/v2` and `/v3` alike. */
import { Router } from '../http/router.ts';
import { agileRoutes } from './agile.ts';
import { catalogRoutes, type CatalogQuirks } from './catalog.ts';
import { commentRoutes } from './comments.ts';
import type { ApiContext } from './context.ts';
import { issueRoutes } from './issues.ts';
import { relationRoutes } from './relations.ts';

export type { ApiContext } from './context.ts';
export type { CatalogQuirks } from './catalog.ts';

/** Every API route. */
export function createApiRouter(quirks: CatalogQuirks = {}): Router<ApiContext> {
  const router = new Router<ApiContext>();
  catalogRoutes(router, quirks);
  issueRoutes(router);
  commentRoutes(router);
  relationRoutes(router);
  agileRoutes(router);
  return router;
}
