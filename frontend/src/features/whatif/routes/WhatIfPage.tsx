import { DownloadOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Select, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCriteria, useFrameworks } from '@/features/frameworks';
import { DemoDataTag, useRounds } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import { idParam } from '@/lib/params';

import { downloadWhatIf, useRankStability, useWhatIf } from '../api/whatif';
import { ScenarioEditor } from '../components/ScenarioEditor';
import { StabilityPanel, paramsOf } from '../components/StabilityPanel';
import type { StabilityValues } from '../components/StabilityPanel';
import { WhatIfResults } from '../components/WhatIfResults';
import type { Edits } from '../scenario';
import { NO_EDITS, defaultRound, editCount, scenarioBody } from '../scenario';
import '../whatif.css';

const DEFAULT_STABILITY: StabilityValues = { spread_percent: 10, samples: 200, seed: 1 };

/**
 * «Mô phỏng» (DIC): score a past round's stored inputs with another framework version (a draft,
 * typically) or with other weights and max points, see each unit's rank change per group, how
 * stable the ranks are under perturbed weights, and download both for the City's leaders.
 * The round and the framework are in the address (`?round=&framework=`), so a link can pick them.
 */
export default function WhatIfPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds();
  const frameworks = useFrameworks();
  const [edits, setEdits] = useState<Edits>(NO_EDITS);
  const [stabilityValues, setStabilityValues] = useState(DEFAULT_STABILITY);
  const [ranKey, setRanKey] = useState<string>();
  const [stabilityKey, setStabilityKey] = useState<string>();
  const [download, setDownload] = useState<{ pending: boolean; error?: unknown }>({
    pending: false,
  });
  const whatIf = useWhatIf();
  const stability = useRankStability();

  const roundList = useMemo(() => rounds.data?.items ?? [], [rounds.data]);
  const frameworkList = frameworks.data?.items ?? [];
  const asked = frameworkList.find(
    (candidate) => candidate.id === idParam(params.get('framework')),
  );
  const round =
    roundList.find((candidate) => candidate.id === idParam(params.get('round'))) ??
    defaultRound(roundList, asked?.groups);
  const framework =
    asked ?? frameworkList.find((candidate) => candidate.id === round?.framework_id);
  const criteria = useCriteria(framework?.id, undefined);

  const setParam = (key: 'round' | 'framework', value: number) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(key, String(value));
        return next;
      },
      { replace: true },
    );
  };

  if (rounds.isPending || frameworks.isPending) return <FullPageSpin />;
  if (rounds.isError) {
    return <ProblemAlert error={rounds.error} onRetry={() => void rounds.refetch()} />;
  }
  if (frameworks.isError) {
    return <ProblemAlert error={frameworks.error} onRetry={() => void frameworks.refetch()} />;
  }

  const title = <PageTitle description={t('whatIf.intro')}>{t('whatIf.title')}</PageTitle>;
  if (!round || !framework) {
    return (
      <>
        {title}
        <Typography.Paragraph>{t('whatIf.noRounds')}</Typography.Paragraph>
      </>
    );
  }

  const scenario = scenarioBody(framework.id, edits);
  const request = { roundId: round.id, scenario };
  const key = JSON.stringify(request);
  const stale = whatIf.data !== undefined && ranKey !== undefined && ranKey !== key;
  const changes = editCount(edits);

  const run = () => {
    setRanKey(key);
    whatIf.mutate(request);
  };
  const runStability = () => {
    setStabilityKey(key);
    stability.mutate({ ...request, params: paramsOf(stabilityValues) });
  };
  const save = async () => {
    setDownload({ pending: true });
    try {
      await downloadWhatIf({ ...request, params: paramsOf(stabilityValues) });
      setDownload({ pending: false });
    } catch (error) {
      setDownload({ pending: false, error });
    }
  };

  return (
    <>
      {title}
      <Alert
        className="whatif-section"
        type="info"
        showIcon
        icon={<ExperimentOutlined aria-hidden />}
        title={t('whatIf.notOfficial')}
      />

      <section aria-label={t('whatIf.setup')} className="whatif-section">
        <Card size="small" title={t('whatIf.setup')}>
          <Form layout="vertical" className="whatif-controls">
            <Flex wrap gap="middle" align="flex-end">
              <Form.Item label={t('whatIf.round')} htmlFor="whatif-round">
                <Select<number>
                  id="whatif-round"
                  popupMatchSelectWidth={false}
                  value={round.id}
                  onChange={(id) => setParam('round', id)}
                  options={roundList.map((item) => ({
                    value: item.id,
                    label: t('whatIf.roundOption', {
                      year: item.year,
                      title: localized(language, item.title_vi, item.title_en),
                      phase: t(`phases.${item.phase}`),
                    }),
                  }))}
                />
              </Form.Item>
              {round.is_demo ? (
                <Form.Item>
                  <DemoDataTag />
                </Form.Item>
              ) : null}
              <Form.Item label={t('whatIf.framework')} htmlFor="whatif-framework">
                <Select<number>
                  id="whatif-framework"
                  popupMatchSelectWidth={false}
                  value={framework.id}
                  onChange={(id) => {
                    setEdits(NO_EDITS);
                    setParam('framework', id);
                  }}
                  options={frameworkList.map((item) => ({
                    value: item.id,
                    label:
                      t('whatIf.frameworkOption', {
                        code: item.code,
                        title: localized(language, item.title_vi, item.title_en),
                        status: t(`frameworks.statuses.${item.status}`),
                      }) +
                      (item.id === round.framework_id ? ` · ${t('whatIf.roundFramework')}` : ''),
                  }))}
                />
              </Form.Item>
            </Flex>
          </Form>

          <Typography.Title level={2} className="whatif-heading">
            {t('whatIf.edits')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('whatIf.editsHint')}</Typography.Paragraph>
          {criteria.isError ? (
            <ProblemAlert error={criteria.error} onRetry={() => void criteria.refetch()} />
          ) : (
            <ScenarioEditor
              criteria={criteria.data ?? []}
              groups={round.groups}
              edits={edits}
              onChange={setEdits}
              loading={criteria.isFetching}
            />
          )}

          <Flex wrap gap="small" align="center" justify="space-between" className="toolbar">
            <Space wrap>
              <Button type="primary" onClick={run} loading={whatIf.isPending}>
                {t('whatIf.run')}
              </Button>
              <Button
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => void save()}
                loading={download.pending}
              >
                {t('whatIf.download')}
              </Button>
            </Space>
            <Space wrap>
              <span>{t('whatIf.editsCount', { count: changes })}</span>
              <Button onClick={() => setEdits(NO_EDITS)} disabled={changes === 0}>
                {t('whatIf.resetEdits')}
              </Button>
            </Space>
          </Flex>
          {download.error ? <ProblemAlert error={download.error} /> : null}
        </Card>
      </section>

      {whatIf.isError ? <ProblemAlert error={whatIf.error} className="whatif-section" /> : null}
      {stale ? (
        <Alert className="whatif-section" type="warning" showIcon title={t('whatIf.stale')} />
      ) : null}

      <Tabs
        items={[
          {
            key: 'changes',
            label: t('whatIf.tabChanges'),
            children: whatIf.data ? (
              <WhatIfResults data={whatIf.data} />
            ) : (
              <Typography.Paragraph type="secondary">{t('whatIf.notRun')}</Typography.Paragraph>
            ),
          },
          {
            key: 'stability',
            label: t('whatIf.tabStability'),
            children: (
              <StabilityPanel
                values={stabilityValues}
                onValuesChange={setStabilityValues}
                onRun={runStability}
                pending={stability.isPending}
                stale={
                  stability.data !== undefined && stabilityKey !== undefined && stabilityKey !== key
                }
                error={stability.error}
                data={stability.data}
              />
            ),
          },
        ]}
      />
    </>
  );
}
