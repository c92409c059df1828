import { Drawer, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/format';

import { useObjectEvents } from '../api/audit';
import { EventDiff } from './EventDiff';

interface ObjectTimelineProps {
  object: { type: string; id: string } | null;
  onClose: () => void;
}

/** Every event of one object, newest first, each with what it changed. */
export function ObjectTimeline({ object, onClose }: ObjectTimelineProps) {
  const { t } = useTranslation();
  const events = useObjectEvents(object);
  return (
    <Drawer
      open={object !== null}
      onClose={onClose}
      size="large"
      title={
        object ? t('adminAudit.timelineTitle', { type: object.type, id: object.id }) : undefined
      }
      closable={{ 'aria-label': t('common.close') }}
    >
      {events.isLoading ? <Spin /> : null}
      {events.isError ? <ProblemAlert error={events.error} /> : null}
      {events.data ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('adminAudit.timelineCount', { count: events.data.total })}
          </Typography.Paragraph>
          <Timeline
            items={events.data.items.map((event) => ({
              key: event.id,
              children: (
                <section aria-label={`${event.action} ${formatDateTime(event.at)}`}>
                  <Typography.Text strong>{event.action}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {t('adminAudit.byAt', { actor: event.actor, at: formatDateTime(event.at) })}
                  </Typography.Text>
                  <EventDiff before={event.before} after={event.after} />
                </section>
              ),
            }))}
          />
        </>
      ) : null}
    </Drawer>
  );
}
