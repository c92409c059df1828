import { App, Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Round } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';

import { fieldErrorsOf, useUpdateRound } from '../api/admin-rounds';
import { draftOf, scheduleBody } from '../schedule-form';

import { ScheduleEditor, scheduleIsValid } from './ScheduleEditor';

/** The round's schedule, edited in city time and saved whole. */
export function ScheduleCard({ round }: { round: Round }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState(() => draftOf(round.schedule));
  const update = useUpdateRound(round.id, {
    onSuccess: (updated) => {
      setDraft(draftOf(updated.schedule));
      void message.success(t('adminRounds.schedule.saved'));
    },
  });

  return (
    <Card title={<h2 className="card-heading">{t('adminRounds.schedule.title')}</h2>}>
      <Flex vertical gap="middle">
        <ScheduleEditor
          draft={draft}
          onChange={setDraft}
          serverErrors={fieldErrorsOf(update.error)}
          idPrefix="settings"
        />
        {update.isError ? <ProblemAlert error={update.error} /> : null}
        <div>
          <Button
            type="primary"
            loading={update.isPending}
            disabled={!scheduleIsValid(draft)}
            onClick={() => update.mutate({ schedule: scheduleBody(draft) })}
          >
            {t('adminRounds.schedule.save')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
