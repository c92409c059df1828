/**
 * Evidence upload with progress. fetch() reports no upload progress, so this one call uses
 * XMLHttpRequest, with the same bearer token, language and one refresh-and-retry on 401 as the
 * API client.
 */
import { ApiError, isProblem } from '@/api/errors';
import { getAccessToken, hasRefreshToken, refresh } from '@/api/session';
import type { Evidence } from '@/api/types';
import { currentLanguage } from '@/i18n';

export interface UploadRequest {
  roundId: number;
  unitCode: string;
  indicatorCode: string;
  file: File;
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

function send({ roundId, unitCode, indicatorCode, file, onProgress, signal }: UploadRequest) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = `${window.location.origin}/api/v1/rounds/${roundId}/units/${encodeURIComponent(unitCode)}/evidence`;
    xhr.open('POST', url);
    const token = getAccessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('indicator_code', indicatorCode);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Upload one file to an answer; resolves with the stored file, or throws the API's problem. */
export async function uploadEvidence(request: UploadRequest): Promise<Evidence> {
  let reply = await send(request);
  if (reply.status === 401 && hasRefreshToken() && (await refresh())) {
    request.onProgress(0);
    reply = await send(request);
  }
  if (reply.status >= 200 && reply.status < 300) return reply.body as Evidence;
  throw new ApiError(reply.status, isProblem(reply.body) ? reply.body : null);
}
