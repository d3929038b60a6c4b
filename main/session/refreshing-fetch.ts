/**
 * A fetch for the Tracker client that survives an expired access token: on a 401 it refreshes once
 * (shared by every concurrent caller) and repeats the request with the new token. When the refresh
 * fails the original 401 goes back to the caller, and the session layer signs the user out.
 */

/** Gets a fresh access token, or throws when the session cannot be renewed. */
export type Refresh = (rejectedToken: string) => Promise<string>;

function authorizationOf(init: RequestInit | undefined): string | null {
  const headers = new Headers(init?.headers);
  return headers.get('authorization');
}

/**
 * Wraps `fetch`. Only requests that carried an `OAuth` authorization are retried, exactly once, and
 * only when a body can be sent again (strings, bytes, form data; never a one-shot stream).
 */
export function createRefreshingFetch(fetcher: typeof fetch, refresh: Refresh): typeof fetch {
  return async (input, init) => {
    const response = await fetcher(input, init);
    if (response.status !== 401) return response;
    const authorization = authorizationOf(init);
    const match = authorization ? /^OAuth\s+(\S+)$/i.exec(authorization) : null;
    if (!match?.[1] || init?.body instanceof ReadableStream) return response;
    let token: string;
    try {
      token = await refresh(match[1]);
    } catch {
      return response;
    }
    await response.body?.cancel().catch(() => undefined);
    const headers = new Headers(init?.headers);
    headers.set('authorization', `OAuth ${token}`);
    return fetcher(input, { ...init, headers });
  };
}
