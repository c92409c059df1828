/**
 * The API client the features use: every request carries the access token and the screen's
 * language; a 401 triggers one silent refresh and one retry, so an expired access token never
 * reaches the user.
 */
import { withLanguage, createApiClient } from './http';
import { getAccessToken, hasRefreshToken, refresh } from './session';

function authorize(request: Request, token: string | null): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  else request.headers.delete('Authorization');
  return withLanguage(request);
}

async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const usedToken = getAccessToken();
  const response = await globalThis.fetch(authorize(request, usedToken));
  if (response.status !== 401 || !hasRefreshToken()) return response;
  // Another call may already have refreshed while this one was in flight: then just retry.
  const current = getAccessToken();
  const renewed = current !== null && current !== usedToken ? true : await refresh();
  if (!renewed) return response;
  return globalThis.fetch(authorize(retry, getAccessToken()));
}

export const api = createApiClient(authorizedFetch);

export { ApiError, unwrap, unwrapResponse } from './errors';
