/**
 * The release page of a version, from the `app-update.yml` electron-builder writes into a packaged
 * app's resources. Only GitHub releases on github.com are understood (the publish configuration in
 * electron-builder.yml); anything else yields null and the app offers no link.
 */

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Reads the flat `key: value` lines of app-update.yml (it has no nesting), quotes removed. */
export function parseUpdateConfig(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    entries[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return entries;
}

/**
 * `https://github.com/OWNER/REPO/releases/tag/vVERSION` (electron-builder tags releases `v` plus
 * the version), or null when the configuration is not a plain GitHub one.
 */
export function releasePageOf(configText: string, version: string): string | null {
  const config = parseUpdateConfig(configText);
  if (config.provider !== 'github') return null;
  if (config.host !== undefined && config.host !== 'github.com') return null;
  const { owner, repo } = config;
  if (!owner || !repo || !NAME.test(owner) || !NAME.test(repo)) return null;
  return `https://github.com/${owner}/${repo}/releases/tag/v${encodeURIComponent(version)}`;
}
