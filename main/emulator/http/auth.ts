/**
 * Tracker's request authentication as the emulator enforces it: a valid `OAuth` token (or a
 * `Bearer` IAM token) and exactly one organization, given with the header of its own kind.
 */
import type { IncomingMessage } from 'node:http';
import type { OrgRecord } from '../model.ts';
import { EmulatorError, forbidden } from '../errors.ts';

/** Who is calling, in which organization. */
export interface Caller {
  readonly uid: number;
  readonly org: OrgRecord;
  readonly tokenKind: 'oauth' | 'iam';
}

/** The token check the OAuth side provides. */
export type Authenticate = (
  header: string | undefined,
) => { uid: number; kind: 'oauth' | 'iam' } | { error: string };

/** The value the official Python client sends in X-Org-Id when it has none. */
const NOT_PROVIDED = 'not provided';

function single(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Authenticates a request: 401 without a valid token; 403 when the organization is missing,
 * unknown, or given with the header of the other kind (a 360 id in X-Cloud-Org-ID or the reverse),
 * with a message that says which header the id belongs in.
 */
export function authenticateRequest(
  req: IncomingMessage,
  authenticate: Authenticate,
  orgs: readonly OrgRecord[],
): Caller {
  const auth = authenticate(single(req, 'authorization'));
  if ('error' in auth) {
    throw new EmulatorError(401, {}, ['Not authorized: the token is missing, invalid or expired']);
  }
  const orgId = single(req, 'x-org-id')?.trim();
  const cloudOrgId = single(req, 'x-cloud-org-id')?.trim();
  const given360 = orgId && orgId !== NOT_PROVIDED ? orgId : undefined;
  if (!given360 && !cloudOrgId) {
    throw forbidden('Organization is not specified: send X-Org-ID or X-Cloud-Org-ID');
  }
  // Like the service, a real X-Org-ID wins when both are sent (orgs linked to 360 and Cloud).
  const [id, kind] = given360 ? [given360, '360'] : [cloudOrgId as string, 'cloud'];
  const org = orgs.find((candidate) => candidate.id === id);
  if (!org) throw forbidden(`Organization ${id} is unknown or you have no access to it`);
  if (org.kind !== kind) {
    const right = org.kind === '360' ? 'X-Org-ID' : 'X-Cloud-Org-ID';
    throw forbidden(`Organization ${id} must be given in the ${right} header`);
  }
  if (auth.kind === 'iam' && org.kind !== 'cloud') {
    throw forbidden('IAM tokens are accepted only for Yandex Cloud organizations');
  }
  return { uid: auth.uid, org, tokenKind: auth.kind };
}
