import { Tour } from 'antd';
import type { TourProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Role } from '@/api/types';

import { stepTarget, tourSteps } from '../tour';

interface RoleTourProps {
  role: Role;
  /** Finished or dismissed. */
  onClose: () => void;
}

/** The steps of one role's tour, over the page's frame. */
export default function RoleTour({ role, onClose }: RoleTourProps) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  // Mounted closed, opened a frame later: rc-tour places its first step when `open` turns true,
  // over a frame (menu, header) laid out by then.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setOpen(true));
    return () => cancelAnimationFrame(frame);
  }, []);

  const steps: TourProps['steps'] = useMemo(
    () =>
      tourSteps(role).map((spec) => {
        const base = spec.perRole ? `tour.roles.${role}` : 'tour.steps';
        return {
          title: t(`${base}.${spec.key}Title` as 'tour.steps.menuTitle'),
          description: t(`${base}.${spec.key}` as 'tour.steps.menu'),
          target: () => stepTarget(spec.target) as HTMLElement,
        };
      }),
    [role, t],
  );

  function close() {
    setOpen(false);
    setCurrent(0);
    onClose();
  }

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
