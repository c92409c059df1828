import { Suspense, lazy } from 'react';

import { useMe } from '@/features/auth';

import { useMarkTourSeen, useSeenTours } from '../api/help';
import { mainRole } from '../sections';
import { endReplay, useReplaying } from '../tour-store';

// antd's Tour loads only when a tour is shown, not with every page's frame.
const RoleTour = lazy(() => import('./RoleTour'));

/** The first sign-in tour of the user's main role: shown until it is finished or dismissed (kept
 * on the server per user and role), and again whenever the help menu replays it. */
export function FirstRunTour() {
  const me = useMe();
  const seen = useSeenTours(Boolean(me.data));
  const markSeen = useMarkTourSeen();
  const replaying = useReplaying();

  const role = me.data ? mainRole(me.data.roles) : undefined;
  const firstTime = Boolean(role && seen.data && !seen.data.seen.includes(role));
  if (!role || !(firstTime || replaying)) return null;

  function close() {
    if (replaying) endReplay();
    if (role && firstTime) markSeen.mutate(role);
  }

  return (
    <Suspense fallback={null}>
      <RoleTour role={role} onClose={close} />
    </Suspense>
  );
}
