/**
 * API failures as one error type. The API answers errors as RFC 9457 problem+json, already
 * translated into the language the client asked for, so the UI shows `detail` and
 * `errors[].message` as they come and only words its own messages for network failures.
 */
import type { FieldProblem, Problem } from './types';

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The problem document, when the server sent one. */
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, options?: { cause?: unknown }) {
    super(problem?.detail ?? (status === 0 ? 'network error' : `HTTP ${status}`), options);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Field-level messages (validation errors), keyed by the API's field name. */
  get fieldErrors(): FieldProblem[] {
    return this.problem?.errors ?? [];
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.status === 'number' && typeof candidate.detail === 'string';
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Await an openapi-fetch call and return its data, or throw an {@link ApiError}. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  return (await unwrapResponse(call)).data;
}

/** Like {@link unwrap}, keeping the response for its headers (e.g. an `ETag`). */
export async function unwrapResponse<T>(
  call: Promise<FetchResult<T>>,
): Promise<{ data: T; response: Response }> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null, { cause: error });
  }
  if (result.response.ok) return { data: result.data as T, response: result.response };
  throw new ApiError(result.response.status, isProblem(result.error) ? result.error : null);
}
