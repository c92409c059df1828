import { Alert, Checkbox, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Unit } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { localized, useLanguage } from '@/i18n';

import { useCloseUnit } from '../api/admin';
import { roundsInProblem } from '../lib/rounds-problem';

interface CloseUnitModalProps {
  open: boolean;
  unit: Unit;
  onClose: () => void;
}

/**
 * Close a unit on its last day (mount it when it opens: each opening starts afresh): it is kept, with its history. A unit of a round being prepared
 * or collecting answers is closed only once the admin, warned which rounds, confirms.
 */
export function CloseUnitModal({ open, unit, onClose }: CloseUnitModalProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [validTo, setValidTo] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const close = useCloseUnit();
  const rounds = roundsInProblem(close.error);

  const submit = () => {
    if (!validTo) return;
    close.mutate(
      { code: unit.code, validTo, confirmRounds: confirmed },
      { onSuccess: () => onClose() },
    );
  };

  return (
    <Modal
      open={open}
      title={t('adminUnits.close.title', { code: unit.code })}
      okText={rounds.length > 0 ? t('adminUnits.close.confirmAndClose') : t('adminUnits.close.ok')}
      okButtonProps={{ danger: true, disabled: !validTo || (rounds.length > 0 && !confirmed) }}
      cancelText={t('common.cancel')}
      confirmLoading={close.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" className="full-width">
        <Typography.Paragraph>
          {t('adminUnits.close.intro', { name: localized(language, unit.name_vi, unit.name_en) })}
        </Typography.Paragraph>
        <label className="field-label" htmlFor="close-valid-to">
          {t('adminUnits.close.lastDay')}
        </label>
        <Input
          id="close-valid-to"
          type="date"
          value={validTo}
          min={unit.valid_from ?? undefined}
          onChange={(event) => {
            setValidTo(event.target.value);
            if (rounds.length === 0) close.reset();
          }}
        />
        {rounds.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('adminUnits.close.inRoundTitle')}
            description={
              <>
                <ul className="round-list">
                  {rounds.map((round) => (
                    <li key={round.id}>
                      {t('adminUnits.close.round', {
                        title: localized(language, round.title_vi, round.title_en),
                        phase: t(`phases.${round.phase}`),
                      })}
                    </li>
                  ))}
                </ul>
                <Typography.Paragraph>{t('adminUnits.close.inRoundHelp')}</Typography.Paragraph>
                <Checkbox
                  checked={confirmed}
                  onChange={(event) => setConfirmed(event.target.checked)}
                >
                  {t('adminUnits.close.confirm')}
                </Checkbox>
              </>
            }
          />
        ) : close.error ? (
          <ProblemAlert error={close.error} />
        ) : null}
      </Space>
    </Modal>
  );
}
