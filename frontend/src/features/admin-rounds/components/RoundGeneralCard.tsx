import { App, Button, Card, Flex, Form, Input, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Round } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';

import { useUpdateRound } from '../api/admin-rounds';

/** The round's titles and its auto-advance switch. */
export function RoundGeneralCard({ round }: { round: Round }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [titleVi, setTitleVi] = useState(round.title_vi);
  const [titleEn, setTitleEn] = useState(round.title_en);
  const [autoAdvance, setAutoAdvance] = useState(round.auto_advance);
  const update = useUpdateRound(round.id, {
    onSuccess: () => void message.success(t('adminRounds.settings.saved')),
  });
  const changed =
    titleVi !== round.title_vi || titleEn !== round.title_en || autoAdvance !== round.auto_advance;

  return (
    <Card title={<h2 className="card-heading">{t('adminRounds.settings.general')}</h2>}>
      <Form layout="vertical" component="div" style={{ maxWidth: 720 }}>
        <Form.Item label={t('adminRounds.create.titleVi')} htmlFor="settings-title-vi">
          <Input
            id="settings-title-vi"
            maxLength={500}
            value={titleVi}
            onChange={(event) => setTitleVi(event.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('adminRounds.create.titleEn')} htmlFor="settings-title-en">
          <Input
            id="settings-title-en"
            maxLength={500}
            value={titleEn}
            onChange={(event) => setTitleEn(event.target.value)}
          />
        </Form.Item>
        <Flex gap="small" align="center">
          <Switch id="settings-auto-advance" checked={autoAdvance} onChange={setAutoAdvance} />
          <label htmlFor="settings-auto-advance">{t('adminRounds.schedule.autoAdvance')}</label>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('adminRounds.schedule.autoAdvanceHelp')}
        </Typography.Paragraph>
        {update.isError ? <ProblemAlert error={update.error} /> : null}
        <Button
          type="primary"
          disabled={!changed || !titleVi.trim() || !titleEn.trim()}
          loading={update.isPending}
          onClick={() =>
            update.mutate({
              title_vi: titleVi.trim(),
              title_en: titleEn.trim(),
              auto_advance: autoAdvance,
            })
          }
        >
          {t('adminRounds.settings.save')}
        </Button>
      </Form>
    </Card>
  );
}
