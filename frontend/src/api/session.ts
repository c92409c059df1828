/**
 * The signed-in session. The access token lives only in memory; the refresh token is kept in
 * sessionStorage so a reload (or a deep link opened in the same tab) signs back in silently, and
 * closing the tab forgets it. Refresh tokens rotate and reusing a spent one revokes the whole
 * family, so at most one refresh is ever in flight: every caller shares it.
 */
import { ApiError, unwrap } from './errors';
import { publicClient } from './http';
import type { TokenPair } from './types';

import { readStorage, writeStorage } from '@/lib/storage';

export const REFRESH_TOKEN_KEY = 'dti.refresh_token';

export type SessionStatus = 'restoring' | 'signed_in' | 'signed_out';
/** Why the last session ended: the user's choice, or the API refusing the refresh token. */
export type SignOutReason = 'signed_out' | 'expired' | null;

export interface SessionSnapshot {
  readonly status: SessionStatus;
  readonly reason: SignOutReason;
}

/** Refresh this many seconds before the access token expires. */
const REFRESH_MARGIN_SECONDS = 60;
const MIN_REFRESH_DELAY_SECONDS = 5;

let accessToken: string | null = null;
let snapshot: SessionSnapshot = {
  status: readStorage('session', REFRESH_TOKEN_KEY) ? 'restoring' : 'signed_out',
  reason: null,
};
let inflight: Promise<boolean> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function publish(next: SessionSnapshot): void {
  if (next.status === snapshot.status && next.reason === snapshot.reason) return;
  snapshot = next;
  for (const listener of listeners) listener();
}

function store(pair: TokenPair): void {
  accessToken = pair.access_token;
  writeStorage('session', REFRESH_TOKEN_KEY, pair.refresh_token);
  clearTimeout(timer);
  const delay = Math.max(pair.expires_in - REFRESH_MARGIN_SECONDS, MIN_REFRESH_DELAY_SECONDS);
  timer = setTimeout(() => void refresh(), delay * 1000);
  publish({ status: 'signed_in', reason: null });
}

function forget(reason: SignOutReason): void {
  accessToken = null;
  clearTimeout(timer);
  timer = undefined;
  writeStorage('session', REFRESH_TOKEN_KEY, null);
  publish({ status: 'signed_out', reason });
}

async function rotate(refreshToken: string): Promise<boolean> {
  try {
    const pair = await unwrap(
      publicClient.POST('/api/v1/auth/refresh', { body: { refresh_token: refreshToken } }),
    );
    store(pair);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.isNetworkError) {
      // The server is unreachable: keep the refresh token to try again later.
      accessToken = null;
      if (snapshot.status === 'restoring') publish({ status: 'signed_out', reason: null });
      return false;
    }
    forget('expired');
    return false;
  }
}

/** Get a new token pair with the stored refresh token; false when the session is over. */
export function refresh(): Promise<boolean> {
  if (inflight) return inflight;
  const refreshToken = readStorage('session', REFRESH_TOKEN_KEY);
  if (!refreshToken) return Promise.resolve(false);
  inflight = rotate(refreshToken).finally(() => {
    inflight = null;
  });
  return inflight;
}

/** Sign in with a username and password; throws the API's problem (e.g. wrong password). */
export async function signIn(username: string, password: string): Promise<void> {
  const pair = await unwrap(
    publicClient.POST('/api/v1/auth/token', {
      body: { username, password },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
  store(pair);
}

/** Take a token pair the API answered elsewhere (a password change ends every other session). */
export function adoptTokens(pair: TokenPair): void {
  store(pair);
}

/** Sign out: forget the tokens at once, then revoke the refresh token's family on the server. */
export async function signOut(): Promise<void> {
  const refreshToken = readStorage('session', REFRESH_TOKEN_KEY);
  forget('signed_out');
  if (!refreshToken) return;
  try {
    await publicClient.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
  } catch {
    // Already signed out locally; the token expires on its own if the server was unreachable.
  }
}

/** On start-up: when a refresh token survived a reload, exchange it for a new pair. */
export function restore(): Promise<boolean> {
  return snapshot.status === 'restoring'
    ? refresh()
    : Promise.resolve(snapshot.status === 'signed_in');
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function hasRefreshToken(): boolean {
  return readStorage('session', REFRESH_TOKEN_KEY) !== null;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSnapshot(): SessionSnapshot {
  return snapshot;
}

/** For tests: start again from what sessionStorage holds. */
export function resetSessionForTests(): void {
  accessToken = null;
  inflight = null;
  clearTimeout(timer);
  timer = undefined;
  snapshot = {
    status: readStorage('session', REFRESH_TOKEN_KEY) ? 'restoring' : 'signed_out',
    reason: null,
  };
}
