import { ArrowLeftOutlined, ArrowRightOutlined, RollbackOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Collapse,
  Flex,
  Form,
  Input,
  Modal,
  Space,
  Steps,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Phase, Round } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDate, formatDateTime } from '@/lib/format';

import { useMovePhase, usePhaseHistory } from '../api/publish';
import { PHASES, phaseMoves } from '../phases';

interface PhaseCardProps {
  round: Round;
  /** Whether the user may move the round (approver, admin); the API checks too. */
  canMove: boolean;
}

/** «Giai đoạn»: where the round stands, the moves the approver may make from there, and the moves so far. */
export function PhaseCard({ round, canMove }: PhaseCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [target, setTarget] = useState<Phase | null>(null);
  const [note, setNote] = useState('');
  const history = usePhaseHistory(round.id);
  const move = useMovePhase(round.id, {
    onSuccess: (moved) => {
      void message.success(t('publish.phase.moved', { phase: t(`phases.${moved.phase}`) }));
      setTarget(null);
    },
  });

  const current = PHASES.indexOf(round.phase);
  const { forward, backward } = phaseMoves(round);
  const reopening = round.phase === 'published';

  const schedule = (phase: Phase) => {
    const dates = round.schedule[phase];
    if (!dates?.starts_on && !dates?.ends_on) return undefined;
    if (dates.starts_on && dates.ends_on) {
      return t('publish.phase.scheduleRange', {
        from: formatDate(dates.starts_on),
        to: formatDate(dates.ends_on),
      });
    }
    return dates.starts_on
      ? t('publish.phase.scheduleFrom', { date: formatDate(dates.starts_on) })
      : t('publish.phase.scheduleTo', { date: formatDate(dates.ends_on) });
  };

  const open = (phase: Phase) => {
    move.reset();
    setNote('');
    setTarget(phase);
  };
  const close = () => {
    if (!move.isPending) setTarget(null);
  };

  const moveButton = (phase: Phase, primary: boolean) => (
    <Button
      key={phase}
      type={primary ? 'primary' : 'default'}
      icon={
        reopening ? (
          <RollbackOutlined aria-hidden />
        ) : primary ? (
          <ArrowRightOutlined aria-hidden />
        ) : (
          <ArrowLeftOutlined aria-hidden />
        )
      }
      onClick={() => open(phase)}
    >
      {reopening
        ? t('publish.phase.reopen')
        : t(primary ? 'publish.phase.moveTo' : 'publish.phase.moveBack', {
            phase: t(`phases.${phase}`),
          })}
    </Button>
  );

  const changes = history.data ?? [];

  return (
    <Card title={<h2 className="card-heading">{t('publish.phase.title')}</h2>}>
      <Flex vertical gap="middle">
        <div role="group" aria-label={t('publish.phase.stepsLabel')}>
          <Steps
            size="small"
            current={current}
            status={round.phase === 'published' ? 'finish' : 'process'}
            items={PHASES.map((phase, index) => ({
              key: phase,
              title: (
                <span aria-current={index === current ? 'step' : undefined}>
                  {t(`phases.${phase}`)}
                </span>
              ),
              content: schedule(phase),
            }))}
          />
        </div>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <Typography.Text strong>
            {t('publish.phase.current', { phase: t(`phases.${round.phase}`) })}
          </Typography.Text>{' '}
          {t(`publish.phase.hints.${round.phase}`)}
        </Typography.Paragraph>
        {canMove ? (
          <>
            {forward.length + backward.length > 0 ? (
              <Space wrap>
                {forward.map((phase) => moveButton(phase, true))}
                {backward.map((phase) => moveButton(phase, false))}
              </Space>
            ) : null}
            {round.phase === 'final' ? (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('publish.phase.finalHint')}
              </Typography.Paragraph>
            ) : null}
          </>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('publish.phase.approverOnly')}
          </Typography.Paragraph>
        )}
        {history.isError ? (
          <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />
        ) : null}
        {history.data ? (
          <Collapse
            size="small"
            ghost
            items={[
              {
                key: 'history',
                label: t('publish.phase.historyTitle'),
                children:
                  changes.length === 0 ? (
                    <Typography.Text type="secondary">
                      {t('publish.phase.historyEmpty')}
                    </Typography.Text>
                  ) : (
                    <ol className="phase-history" style={{ margin: 0, paddingInlineStart: 20 }}>
                      {changes.map((change) => (
                        <li key={`${change.changed_at}-${change.to_phase}`}>
                          {t('publish.phase.historyItem', {
                            from: t(`phases.${change.from_phase}`),
                            to: t(`phases.${change.to_phase}`),
                          })}{' '}
                          <Typography.Text type="secondary">
                            (
                            {change.automatic
                              ? t('adminRounds.history.automatic', {
                                  time: formatDateTime(change.changed_at),
                                })
                              : change.changed_by
                                ? t('publish.phase.historyBy', {
                                    name: change.changed_by,
                                    time: formatDateTime(change.changed_at),
                                  })
                                : t('publish.phase.historyByPublication', {
                                    time: formatDateTime(change.changed_at),
                                  })}
                            )
                          </Typography.Text>
                          {change.note ? <>: {change.note}</> : null}
                        </li>
                      ))}
                    </ol>
                  ),
              },
            ]}
          />
        ) : null}
      </Flex>
      <Modal
        open={target !== null}
        title={
          target === null
            ? undefined
            : reopening
              ? t('publish.phase.reopenTitle')
              : t('publish.phase.confirmTitle', { phase: t(`phases.${target}`) })
        }
        okText={reopening ? t('publish.phase.confirmReopen') : t('publish.phase.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={move.isPending}
        onCancel={close}
        onOk={() => {
          if (target !== null) move.mutate({ phase: target, note });
        }}
        destroyOnHidden
      >
        <Flex vertical gap="middle">
          {target ? (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t(`publish.phase.hints.${target}`)}
            </Typography.Paragraph>
          ) : null}
          <Form layout="vertical" component="div">
            <Form.Item
              label={t('publish.phase.note')}
              htmlFor="phase-move-note"
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea
                id="phase-move-note"
                rows={3}
                maxLength={1000}
                showCount
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            </Form.Item>
          </Form>
          {move.isError ? <ProblemAlert error={move.error} /> : null}
        </Flex>
      </Modal>
    </Card>
  );
}
