import { App, Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { PageTitle } from '@/components/PageTitle';

import { useMe } from '../api/session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

/** "Tài khoản của tôi": who I am, and changing my password (everyone). */
export default function ProfilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  return (
    <>
      <PageTitle description={t('profile.intro')}>{t('profile.title')}</PageTitle>
      <Card
        title={<h2 className="card-heading">{t('profile.account')}</h2>}
        className="profile-card"
      >
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('adminUsers.username')}>
            {me.data?.username}
          </Descriptions.Item>
          <Descriptions.Item label={t('adminUsers.fullName')}>
            {me.data?.full_name}
          </Descriptions.Item>
          <Descriptions.Item label={t('adminUsers.roles')}>
            {me.data?.roles.map((role) => (
              <Tag key={role}>{t(`roles.${role}`)}</Tag>
            ))}
          </Descriptions.Item>
          {me.data?.unit_code ? (
            <Descriptions.Item label={t('adminUsers.unit')}>
              {me.data.unit_code}
              {me.data.unit_name_vi ? ` – ${me.data.unit_name_vi}` : ''}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card
        title={<h2 className="card-heading">{t('profile.changeTitle')}</h2>}
        className="profile-card"
      >
        <ChangePasswordForm onChanged={() => void message.success(t('profile.changed'))} />
      </Card>
    </>
  );
}
