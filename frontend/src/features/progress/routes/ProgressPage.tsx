import { DownloadOutlined, NotificationOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { assessmentPath } from '@/config/paths';
import { ASSESSMENT_READER_ROLES, REVIEWER_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { useSelectedRound } from '@/features/rounds';
import { useUnitGroups } from '@/features/units';
import { UrgeModal } from '@/features/urging';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { downloadProgress, useProgress } from '../api/progress';
import { GroupSummary } from '../components/GroupSummary';
import { ProgressTable } from '../components/ProgressTable';

const ALL = '';

/** "Tiến độ": where each unit stands in the selected round, per ranking group, with an Excel export. */
export default function ProgressPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const group = params.get('group') ?? ALL;
  const me = useMe();
  const { round } = useSelectedRound();
  const groups = useUnitGroups();
  const progress = useProgress(round?.id, group || undefined);
  const [downloading, setDownloading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [urging, setUrging] = useState(false);

  const groupName = (code: string) => {
    const found = groups.data?.find((candidate) => candidate.code === code);
    return found ? localized(language, found.name_vi, found.name_en) : code;
  };

  // The round's groups, and any the answer names that the round does not (kept in the round's order).
  const groupCodes = [
    ...new Set([
      ...(round?.groups ?? []),
      ...(progress.data?.groups ?? []).map((item) => item.group),
    ]),
  ];

  const changeGroup = (next: string) => {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('group', next);
        else updated.delete('group');
        return updated;
      },
      { replace: true },
    );
  };

  const download = async () => {
    if (!round) return;
    setDownloading(true);
    try {
      await downloadProgress(round.id, group || undefined);
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    } finally {
      setDownloading(false);
    }
  };

  if (!round) {
    return (
      <>
        <PageTitle>{t('progress.title')}</PageTitle>
        <Alert type="info" showIcon title={t('progress.noRound')} />
      </>
    );
  }

  const canReadAssessments = hasAnyRole(me.data, ASSESSMENT_READER_ROLES);
  // DIC urges units while the round runs (the API refuses a draft or published round, and a
  // practice round).
  const canUrge =
    hasAnyRole(me.data, REVIEWER_ROLES) &&
    !round.is_practice &&
    round.phase !== 'draft' &&
    round.phase !== 'published';
  const shown = progress.data?.units ?? [];
  const chosen = shown.filter((unit) => selected.includes(unit.unit_code));
  const overdue = shown.filter((unit) => unit.overdue).map((unit) => unit.unit_code);

  return (
    <>
      <PageTitle
        description={
          <>
            {t('progress.intro', { round: localized(language, round.title_vi, round.title_en) })}
            {progress.data ? (
              <>
                {' '}
                <Typography.Text strong>
                  {t('progress.asOf', { date: formatDate(progress.data.as_of) })}
                </Typography.Text>
              </>
            ) : null}
          </>
        }
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={downloading}
            onClick={() => void download()}
          >
            {t('progress.downloadExcel')}
          </Button>
        }
      >
        {t('progress.title')}
      </PageTitle>
      <Flex vertical gap="large">
        <Radio.Group
          aria-label={t('progress.groupsLabel')}
          optionType="button"
          value={group}
          onChange={(event) => changeGroup(String(event.target.value))}
          options={[
            { value: ALL, label: t('progress.allGroups') },
            ...groupCodes.map((code) => ({ value: code, label: groupName(code) })),
          ]}
        />
        {progress.isError ? (
          <ProblemAlert error={progress.error} onRetry={() => void progress.refetch()} />
        ) : (
          <>
            {progress.data && progress.data.groups.length > 0 ? (
              <GroupSummary groups={progress.data.groups} groupName={groupName} />
            ) : null}
            <Card
              title={<h2 className="card-heading">{t('progress.unitsTitle')}</h2>}
              extra={
                canUrge ? (
                  <Space wrap>
                    <Button disabled={overdue.length === 0} onClick={() => setSelected(overdue)}>
                      {t('urging.selectOverdue', { count: overdue.length })}
                    </Button>
                    <Button
                      type="primary"
                      icon={<NotificationOutlined aria-hidden />}
                      disabled={chosen.length === 0}
                      onClick={() => setUrging(true)}
                    >
                      {t('urging.open', { count: chosen.length })}
                    </Button>
                  </Space>
                ) : null
              }
            >
              <ProgressTable
                selection={canUrge ? { codes: selected, onChange: setSelected } : undefined}
                units={progress.data?.units ?? []}
                loading={progress.isFetching}
                assessmentLink={
                  canReadAssessments
                    ? (unit) => assessmentPath(round.id, unit.unit_code)
                    : undefined
                }
              />
            </Card>
          </>
        )}
      </Flex>
      {canUrge && progress.data ? (
        <UrgeModal
          open={urging}
          round={round}
          units={chosen}
          asOf={progress.data.as_of}
          onClose={() => setUrging(false)}
          onSent={() => {
            setUrging(false);
            setSelected([]);
          }}
        />
      ) : null}
    </>
  );
}
