/** URIs as they may be written down (tags, journal paths, messages). */

/**
 * `uri` without user info (credentials) and trailing slashes, normalized as `URL` writes it (the
 * journal's folder is named by it: keep it stable); a string that is not a URL (an scp-like
 * `git@host:repo`, a path) as it is.
 */
export function safeUri(uri: string): string {
  try {
    const url = new URL(uri);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return uri;
  }
}
