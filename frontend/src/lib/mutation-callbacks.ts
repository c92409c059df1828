/**
 * What a feature's mutation hook (in its `api/`) runs for the component that called it: on success
 * first, before any cache refresh the hook owns (a message, closing a dialog, resetting a form), and
 * on failure. A promise `onSuccess` returns is awaited, so the action stays pending until it settles.
 */
export interface MutationCallbacks<T> {
  onSuccess?: (data: T) => unknown;
  onError?: (error: unknown) => void;
}
