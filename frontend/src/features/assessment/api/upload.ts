/** Evidence upload with progress (XMLHttpRequest underneath: see `@/api/upload`). */
import type { Evidence } from '@/api/types';
import { postWithProgress } from '@/api/upload';

export interface UploadRequest {
  roundId: number;
  unitCode: string;
  indicatorCode: string;
  file: File;
  /** 0–100, as the bytes go out. */
  onProgress: (percent: number) => void;
  signal?: AbortSignal;
}

/** Upload one file to an answer; resolves with the stored file, or throws the API's problem. */
export function uploadEvidence({
  roundId,
  unitCode,
  indicatorCode,
  file,
  onProgress,
  signal,
}: UploadRequest) {
  const form = new FormData();
  form.append('indicator_code', indicatorCode);
  form.append('file', file, file.name);
  return postWithProgress<Evidence>({
    path: `/api/v1/rounds/${roundId}/units/${encodeURIComponent(unitCode)}/evidence`,
    body: form,
    onProgress,
    signal,
  });
}
