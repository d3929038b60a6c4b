/**
 * Finds out whether an organization id is a Yandex 360 or a Yandex Cloud one by asking `myself`
 * with each header in turn, as the user rarely knows which it is. A 403 becomes a plain-words
 * explanation; a 401 means the token itself is bad and is passed on.
 */
import { ForbiddenError, type Org, type TrackerClient, type User } from '../api/index.ts';
import { AppError } from '../errors.ts';

/** The organization as the user chose it: a kind, or `auto` to probe both. */
export interface OrgChoice {
  readonly id: string;
  readonly kind: 'auto' | '360' | 'cloud';
}

/** The organization that accepted the token, and who the token belongs to. */
export interface DetectedOrg {
  readonly org: Org;
  readonly user: User;
}

const NAMES = { '360': 'a Yandex 360', cloud: 'a Yandex Cloud' } as const;

/**
 * Probes `myself` for each candidate kind (360 first: an organization linked to both answers to its
 * 360 id). IAM tokens only work with Cloud organizations, so they probe Cloud only.
 */
export async function detectOrg(
  clientFor: (org: Org) => TrackerClient,
  choice: OrgChoice,
  tokenKind: 'oauth' | 'iam',
  signal?: AbortSignal,
): Promise<DetectedOrg> {
  const kinds: Array<Org['kind']> =
    choice.kind !== 'auto' ? [choice.kind] : tokenKind === 'iam' ? ['cloud'] : ['360', 'cloud'];
  for (const kind of kinds) {
    const org: Org = { kind, id: choice.id };
    try {
      const user = await clientFor(org).myself({ signal });
      return { org, user };
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
    }
  }
  if (choice.kind === 'auto') {
    throw new AppError(
      'E_FORBIDDEN',
      `Organization ${choice.id} did not accept this account, neither as a Yandex 360 nor as a ` +
        'Yandex Cloud organization. Check the id in Tracker → Administration → Organizations, and ' +
        'that your account is a member of it.',
    );
  }
  const other = choice.kind === '360' ? 'cloud' : '360';
  throw new AppError(
    'E_FORBIDDEN',
    `Organization ${choice.id} did not accept this account as ${NAMES[choice.kind]} organization. ` +
      `If it is ${NAMES[other]} organization, choose that kind (or "Detect automatically").`,
  );
}
