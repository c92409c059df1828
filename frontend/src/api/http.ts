/** openapi-fetch clients typed by the generated schema (`src/api/schema.d.ts`, `make openapi`). */
import createClient from 'openapi-fetch';

import { currentLanguage } from '@/i18n';

import type { paths } from './schema';

export type Fetcher = (request: Request) => Promise<Response>;

/** The origin the SPA was served from: the API lives beside it under /api/v1. */
function origin(): string {
  return window.location.origin;
}

/** Mark a request with the screen's language, so the API's messages match it. */
export function withLanguage(request: Request): Request {
  request.headers.set('Accept-Language', currentLanguage());
  return request;
}

export function createApiClient(fetcher: Fetcher) {
  return createClient<paths>({ baseUrl: origin(), fetch: fetcher });
}

/** For the calls that need no access token (sign-in, refresh, sign-out). */
export const publicClient = createApiClient((request) => globalThis.fetch(withLanguage(request)));
