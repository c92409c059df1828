import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { isLanguage, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import { useContact } from '../api/help';
import { HelpMarkdown } from '../components/HelpMarkdown';
import { guideMarkdown } from '../content';
import { headings } from '../markdown';

import '../help.css';

/** The whole guide on one page for printing or saving as PDF (`?lang=vi|en`): a title, the
 * contents, every section, the contact. The PDF in docs/guide is this page printed by Chromium. */
export default function HelpPrintPage() {
  const { t, i18n } = useTranslation();
  const uiLanguage = useLanguage();
  const [params] = useSearchParams();
  const asked = params.get('lang');
  const language = isLanguage(asked) ? asked : uiLanguage;
  const tl = i18n.getFixedT(language);
  const markdown = guideMarkdown(language);
  const contents = useMemo(
    () => headings(markdown).filter((heading) => heading.level === 1 && heading.anchor),
    [markdown],
  );
  const contact = useContact();
  const hours = language === 'en' ? contact.data?.office_hours_en : contact.data?.office_hours_vi;

  useEffect(() => {
    document.title = tl('help.printTitle');
    document.documentElement.lang = language;
  }, [tl, language]);

  return (
    <main id="main-content" className="help-print" lang={language}>
      <Button
        className="help-print-button"
        icon={<PrinterOutlined aria-hidden />}
        onClick={() => window.print()}
      >
        {t('help.print')}
      </Button>
      <header className="help-print-cover">
        <p className="help-print-app">{tl('app.name')}</p>
        <h1>{tl('help.printTitle')}</h1>
        <p>{tl('app.owner')}</p>
        <p>{tl('help.printDate', { date: formatDate(new Date().toISOString()) })}</p>
        {contact.data?.hotline || contact.data?.email ? (
          <p>
            {tl('help.contact.title')}:{' '}
            {[contact.data.hotline, contact.data.email, hours].filter(Boolean).join(' · ')}
          </p>
        ) : null}
        <nav aria-label={tl('help.contents')}>
          <h2>{tl('help.contents')}</h2>
          <ol>
            {contents.map((heading) => (
              <li key={heading.anchor}>
                <a href={`#${heading.anchor}`}>{heading.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      <HelpMarkdown shift={1} standalone>
        {markdown}
      </HelpMarkdown>
    </main>
  );
}
