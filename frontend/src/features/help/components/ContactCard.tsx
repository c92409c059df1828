import { MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { PATHS } from '@/config/paths';
import { hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { useLanguage } from '@/i18n';

import { useContact } from '../api/help';

/** DIC's support contact as set on the contact screen; a note (and, for an admin, the way to the
 * screen) while none is set. */
export function ContactCard({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const contact = useContact();
  const isAdmin = hasAnyRole(me.data, ['admin']);
  const data = contact.data;
  const hours = language === 'en' ? data?.office_hours_en : data?.office_hours_vi;
  const set = Boolean(data?.hotline ?? data?.email);
  const Heading = compact ? 'h3' : 'h2';
  return (
    <section className="help-contact" aria-labelledby="help-contact-heading">
      <Card size="small">
        <Heading id="help-contact-heading" className="card-heading">
          {t('help.contact.title')}
        </Heading>
        {contact.isPending ? null : set ? (
          <dl className="help-contact-list">
            {data?.hotline ? (
              <>
                <dt>
                  <PhoneOutlined aria-hidden /> {t('help.contact.hotline')}
                </dt>
                <dd>
                  <a href={`tel:${data.hotline.replace(/[^0-9+]/g, '')}`}>{data.hotline}</a>
                </dd>
              </>
            ) : null}
            {data?.email ? (
              <>
                <dt>
                  <MailOutlined aria-hidden /> {t('help.contact.email')}
                </dt>
                <dd>
                  <a href={`mailto:${data.email}`}>{data.email}</a>
                </dd>
              </>
            ) : null}
            {hours ? (
              <>
                <dt>{t('help.contact.hours')}</dt>
                <dd>{hours}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <Typography.Paragraph>{t('help.contact.unset')}</Typography.Paragraph>
        )}
        {isAdmin ? <Link to={PATHS.helpContact}>{t('help.contact.edit')}</Link> : null}
      </Card>
    </section>
  );
}
