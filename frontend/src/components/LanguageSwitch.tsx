import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';

import { LANGUAGES, isLanguage, setLanguage } from '@/i18n';

/** Tiếng Việt | English; each name is written in its own language (and marked so for screen readers). */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Radio.Group
      className={className}
      aria-label={t('language.label')}
      optionType="button"
      buttonStyle="solid"
      size="small"
      value={i18n.language}
      onChange={(event) => {
        const value: unknown = event.target.value;
        if (isLanguage(value)) void setLanguage(value);
      }}
      options={LANGUAGES.map((language) => ({
        value: language,
        label: <span lang={language}>{t(`language.${language}`)}</span>,
      }))}
    />
  );
}
