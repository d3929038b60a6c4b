/**
 * Checks of what the user types on the sign-in screen, mirroring the contract's schemas so the
 * user learns what is wrong before anything is sent: each returns the message to show, or `null`.
 */
import type { MessageKey } from '../i18n/messages.ts';
import type { OrgChoice, TokenKind } from '../state/auth.svelte.ts';

/** Longest organization id the contract accepts. */
export const ORG_ID_MAX_LENGTH = 64;

const ORG_ID = /^[\w.-]+$/;
const TOKEN = /^[\x21-\x7e]{10,4096}$/;

/** Checks an organization id: required, Latin letters, digits, `.`, `_`, `-`, at most 64. */
export function validateOrgId(value: string): MessageKey | null {
  const id = value.trim();
  if (id === '') return 'auth.org.error.required';
  if (id.length > ORG_ID_MAX_LENGTH) return 'auth.org.error.tooLong';
  if (!ORG_ID.test(id)) return 'auth.org.error.invalid';
  return null;
}

/** Checks a pasted token: present, 10 to 4096 printable ASCII characters, no spaces. */
export function validateToken(value: string): MessageKey | null {
  const token = value.trim();
  if (token === '') return 'auth.token.error.required';
  if (!TOKEN.test(token)) return 'auth.token.error.invalid';
  return null;
}

/**
 * The organization to send with a token of `tokenKind`: an IAM token only works with a Cloud
 * organization, so `auto` becomes `cloud`, and an explicit Yandex 360 choice is an error.
 */
export function orgForToken(
  org: OrgChoice,
  tokenKind: TokenKind,
): { org: OrgChoice; error: null } | { org: null; error: MessageKey } {
  if (tokenKind !== 'iam') return { org, error: null };
  if (org.kind === '360') return { org: null, error: 'auth.token.error.iam360' };
  return { org: { id: org.id, kind: 'cloud' }, error: null };
}
