import type { TFunction } from 'i18next';

import { ApiError } from '@/api/errors';

/**
 * The message to show for a failed call: the API's own `detail` (already in the screen's language)
 * when it sent a problem document, else a message of ours.
 */
export function problemMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.problem) return error.problem.detail;
    if (error.isNetworkError) return t('errors.network');
    return t('errors.http', { status: error.status });
  }
  return t('errors.unexpected');
}
