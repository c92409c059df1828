import { Spin } from 'antd';
import { useEffect } from 'react';

import type { ImportReport } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';

import { isRunning, useImportReport } from '../api/imports';
import { ImportProgress } from './ImportProgress';

interface BackgroundImportProps {
  reportId: number;
  /** Called once the import has ended (its final report). */
  onFinished: (report: ImportReport) => void;
}

/** A large sheet being checked (and applied) in the background: its progress until it ends. */
export function BackgroundImport({ reportId, onFinished }: BackgroundImportProps) {
  const report = useImportReport(reportId);
  const data = report.data;
  useEffect(() => {
    if (data && !isRunning(data)) onFinished(data);
  }, [data, onFinished]);
  if (report.isError) {
    return <ProblemAlert error={report.error} onRetry={() => void report.refetch()} />;
  }
  if (!data || !isRunning(data)) return <Spin />;
  return <ImportProgress report={data} />;
}
