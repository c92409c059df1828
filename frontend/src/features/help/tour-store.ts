/**
 * Whether the tour is being replayed: the help centre and the "?" drawer ask for it, the tour in
 * the layout shows it. A tiny store instead of a context, so neither needs a provider.
 */
import { useSyncExternalStore } from 'react';

let replaying = false;
const listeners = new Set<() => void>();

function emit(next: boolean): void {
  replaying = next;
  for (const listener of listeners) listener();
}

/** Show the tour again (from the help menu). */
export function replayTour(): void {
  emit(true);
}

export function endReplay(): void {
  emit(false);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useReplaying(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => replaying,
    () => false,
  );
}
