import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import { problemMessage } from '@/lib/problem-message';

interface ProblemAlertProps {
  error: unknown;
  /** Offer a retry button (e.g. a query's refetch). */
  onRetry?: () => void;
  className?: string;
}

/** A failed call, shown where it happened: the API's message and, for validation, each field's. */
export function ProblemAlert({ error, onRetry, className }: ProblemAlertProps) {
  const { t } = useTranslation();
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <Alert
      className={className}
      type="error"
      showIcon
      role="alert"
      title={problemMessage(error, t)}
      description={
        fields.length > 0 ? (
          <ul className="problem-fields">
            {fields.map((field) => (
              <li key={`${field.field}:${field.message}`}>
                <code>{field.field}</code>: {field.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
