import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';

import { OperatorSync } from '@/features/operator';
import { useLanguage } from '@/i18n';
import { registerNotifier } from '@/lib/notify';

import { createQueryClient } from './query-client';
import { theme } from './theme';

const ANTD_LOCALES = { vi: viVN, en: enUS } as const;

/** Lets code outside React (the query client) raise antd notifications with the app's theme. */
function NotificationBridge() {
  const { notification } = AntApp.useApp();
  useEffect(() => {
    registerNotifier(({ title, description }) => {
      notification.error({ title, description, placement: 'topRight' });
    });
    return () => registerNotifier(null);
  }, [notification]);
  return null;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const language = useLanguage();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={ANTD_LOCALES[language]} theme={theme}>
        <AntApp>
          <NotificationBridge />
          <OperatorSync />
          {children}
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
