import { PrinterOutlined, RedoOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { PATHS, helpPath } from '@/config/paths';
import { useMe } from '@/features/auth';
import { useLanguage } from '@/i18n';

import { ContactCard } from '../components/ContactCard';
import { HelpMarkdown } from '../components/HelpMarkdown';
import { guideMarkdown } from '../content';
import { headings } from '../markdown';
import { ROLE_GUIDE, mainRole } from '../sections';
import { replayTour } from '../tour-store';

import '../help.css';

/** The help centre: the guide of every role, the integrator guide, FAQ, glossary and contact,
 * with a table of contents; `#anchor` in the address opens a section. */
export default function HelpPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const location = useLocation();
  const me = useMe();
  const markdown = guideMarkdown(language);
  const contents = useMemo(
    () => headings(markdown).filter((heading) => heading.level <= 2 && heading.anchor),
    [markdown],
  );
  const ownGuide = me.data ? ROLE_GUIDE[mainRole(me.data.roles)] : undefined;

  // Arriving at (or following a link to) a section: scroll to it and move the focus there, so a
  // keyboard or screen reader user starts reading where the link pointed.
  const anchor = location.hash.slice(1);
  useEffect(() => {
    if (!anchor) return;
    const target = document.getElementById(anchor);
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [anchor, markdown]);

  return (
    <>
      <PageTitle
        description={t('help.intro')}
        extra={
          <Space wrap>
            {ownGuide ? <Link to={helpPath(ownGuide)}>{t('help.ownGuide')}</Link> : null}
            <Button icon={<RedoOutlined aria-hidden />} onClick={replayTour}>
              {t('help.replayTour')}
            </Button>
            <Link to={`${PATHS.helpPrint}?lang=${language}`} target="_blank">
              <PrinterOutlined aria-hidden /> {t('help.printable')}
            </Link>
          </Space>
        }
      >
        {t('help.title')}
      </PageTitle>
      <div className="help-layout">
        <nav className="help-toc" aria-label={t('help.contents')}>
          <ul>
            {contents.map((heading) => (
              <li key={heading.anchor} className={`help-toc-level-${heading.level}`}>
                <Link
                  to={helpPath(heading.anchor)}
                  aria-current={heading.anchor === anchor ? 'location' : undefined}
                >
                  {heading.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="help-main">
          <HelpMarkdown shift={1}>{markdown}</HelpMarkdown>
          <ContactCard />
        </div>
      </div>
    </>
  );
}
