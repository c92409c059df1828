/**
 * Sending a body with upload progress. fetch() reports no upload progress, so uploads use
 * XMLHttpRequest, with the same bearer token, language and one refresh-and-retry on 401 as the
 * API client.
 */
import { ApiError, isProblem } from './errors';
import { getAccessToken, hasRefreshToken, refresh } from './session';
import { currentLanguage } from '@/i18n';

export interface SendRequest {
  /** Path and query under the SPA's origin, e.g. `/api/v1/ingest/values?round_id=1`. */
  path: string;
  body: XMLHttpRequestBodyInit;
  headers?: Record<string, string>;
  /** 0–100, as the bytes go out. */
  onProgress: (percent: number) => void;
  signal?: AbortSignal;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function send({ path, body, headers = {}, onProgress, signal }: SendRequest) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${window.location.origin}${path}`);
    const token = getAccessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** POST with progress; resolves with the JSON reply, or throws the API's problem. */
export async function postWithProgress<T>(request: SendRequest): Promise<T> {
  let reply = await send(request);
  if (reply.status === 401 && hasRefreshToken() && (await refresh())) {
    request.onProgress(0);
    reply = await send(request);
  }
  if (reply.status >= 200 && reply.status < 300) return reply.body as T;
  throw new ApiError(reply.status, isProblem(reply.body) ? reply.body : null);
}
