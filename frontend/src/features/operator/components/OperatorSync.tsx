import { useEffect } from 'react';

import { setOperatorNames } from '@/i18n';

import { useOperator } from '../api/operator';

/** Keeps the texts that name the operating department in step with the setting (every page). */
export function OperatorSync() {
  const operator = useOperator();
  useEffect(() => {
    if (operator.data) setOperatorNames(operator.data);
  }, [operator.data]);
  return null;
}
