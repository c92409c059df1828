import { Tour } from 'antd';
import type { TourProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Role } from '@/api/types';
import { useMe } from '@/features/auth';

import { useMarkTourSeen, useSeenTours } from '../api/help';
import { mainRole } from '../sections';
import { endReplay, useReplaying } from '../tour-store';
import { stepTarget, tourSteps } from '../tour';

/** The first sign-in tour of the user's main role: shown until it is finished or dismissed (kept
 * on the server per user and role), and again whenever the help menu replays it. */
export function FirstRunTour() {
  const { t } = useTranslation();
  const me = useMe();
  const seen = useSeenTours(Boolean(me.data));
  const markSeen = useMarkTourSeen();
  const replaying = useReplaying();
  const [current, setCurrent] = useState(0);

  const role: Role | undefined = me.data ? mainRole(me.data.roles) : undefined;
  const firstTime = Boolean(role && seen.data && !seen.data.seen.includes(role));
  const open = Boolean(role) && (firstTime || replaying);

  const steps: TourProps['steps'] = useMemo(
    () =>
      role
        ? tourSteps(role).map((spec) => {
            const base = spec.perRole ? `tour.roles.${role}` : 'tour.steps';
            return {
              title: t(`${base}.${spec.key}Title` as 'tour.steps.menuTitle'),
              description: t(`${base}.${spec.key}` as 'tour.steps.menu'),
              target: () => stepTarget(spec.target) as HTMLElement,
            };
          })
        : [],
    [role, t],
  );

  function close() {
    setCurrent(0);
    if (replaying) endReplay();
    if (role && firstTime) markSeen.mutate(role);
  }

  // Mounted closed, then opened: rc-tour places its first step when `open` turns true.
  if (!role) return null;
  return (
    <Tour
      open={open}
      steps={steps}
      current={current}
      onChange={setCurrent}
      onClose={close}
      onFinish={close}
      indicatorsRender={(step, total) => (
        <span className="tour-count">{t('tour.count', { step: step + 1, total })}</span>
      )}
    />
  );
}
