import {
  CloudUploadOutlined,
  DownloadOutlined,
  PlusOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { App, Button, Flex, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import type { Role, UserAccount } from '@/api/types';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import type { UserFilter } from '../api/users';
import {
  exportUsers,
  useCreateUser,
  useResetPassword,
  useUnitChoices,
  useUpdateUser,
  useUsers,
} from '../api/users';
import { ALL_ROLES } from '../components/role-rules';
import type { ShownPassword } from '../components/TemporaryPasswordModal';
import { TemporaryPasswordModal } from '../components/TemporaryPasswordModal';
import type { UserFormValues } from '../components/UserFormModal';
import { UserFormModal } from '../components/UserFormModal';
import { UsersTable } from '../components/UsersTable';

const DEFAULT_PAGE_SIZE = 20;
const ALL = '';

type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; user: UserAccount };

/** "Người dùng": the accounts, searched and filtered; create, edit, disable, reset, export. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const [role, setRole] = useState<Role | typeof ALL>(ALL);
  const [unitCode, setUnitCode] = useState<string>(ALL);
  const [state, setState] = useState<'active' | 'disabled' | typeof ALL>(ALL);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const [exporting, setExporting] = useState(false);

  const filter: UserFilter = {
    q: q || undefined,
    role: role || undefined,
    unitCode: unitCode || undefined,
    active: state === ALL ? undefined : state === 'active',
  };
  const users = useUsers(filter, (page - 1) * pageSize, pageSize);
  const units = useUnitChoices();
  const create = useCreateUser();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const unitList = units.data?.items ?? [];

  const refilter = (apply: () => void) => {
    apply();
    setPage(1);
  };

  const closeForm = () => {
    setEditing({ kind: 'closed' });
    create.reset();
    update.reset();
  };

  const submit = (values: UserFormValues) => {
    const fields = {
      full_name: values.full_name.trim(),
      email: values.email?.trim() || null,
      roles: values.roles,
      unit_code: values.unit_code ?? null,
    };
    if (editing.kind === 'edit') {
      update.mutate(
        { username: editing.user.username, changes: fields },
        {
          onSuccess: (user) => {
            closeForm();
            void message.success(t('adminUsers.saved', { username: user.username }));
          },
        },
      );
      return;
    }
    create.mutate(
      { username: values.username.trim(), ...fields },
      {
        onSuccess: (user) => {
          closeForm();
          void message.success(t('adminUsers.created', { username: user.username }));
          if (user.temporary_password) {
            setShown({
              username: user.username,
              password: user.temporary_password,
              expiresAt: user.password_expires_at,
            });
          }
        },
      },
    );
  };

  const toggleActive = (user: UserAccount) => {
    update.mutate(
      { username: user.username, changes: { is_active: !user.is_active } },
      {
        onSuccess: (changed) =>
          void message.success(
            t(changed.is_active ? 'adminUsers.enabledDone' : 'adminUsers.disabledDone', {
              username: changed.username,
            }),
          ),
      },
    );
  };

  const resetPassword = (user: UserAccount) => {
    reset.mutate(user.username, {
      onSuccess: (given) =>
        setShown({
          username: given.username,
          password: given.temporary_password,
          expiresAt: given.expires_at,
        }),
    });
  };

  const download = async () => {
    setExporting(true);
    try {
      await exportUsers(filter);
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageTitle
        description={t('adminUsers.intro')}
        extra={
          <Space wrap>
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setEditing({ kind: 'new' })}
            >
              {t('adminUsers.create')}
            </Button>
            <Button
              icon={<CloudUploadOutlined aria-hidden />}
              onClick={() => void navigate(PATHS.userImport)}
            >
              {t('adminUsers.import')}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporting}
              onClick={() => void download()}
            >
              {t('adminUsers.export')}
            </Button>
          </Space>
        }
      >
        {t('adminUsers.title')}
      </PageTitle>
      <Flex wrap gap="middle" align="center" className="toolbar">
        <Input
          className="search-input"
          type="search"
          allowClear
          aria-label={t('adminUsers.search')}
          placeholder={t('adminUsers.search')}
          prefix={<SearchOutlined aria-hidden />}
          value={search}
          onChange={(event) => refilter(() => setSearch(event.target.value))}
        />
        <Select
          className="filter-select"
          aria-label={t('adminUsers.roleFilter')}
          value={role}
          onChange={(value) => refilter(() => setRole(value))}
          options={[
            { value: ALL, label: t('adminUsers.allRoles') },
            ...ALL_ROLES.map((item) => ({ value: item, label: t(`roles.${item}`) })),
          ]}
          popupMatchSelectWidth={false}
        />
        <Select
          className="filter-select"
          aria-label={t('adminUsers.unitFilter')}
          value={unitCode}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(value) => refilter(() => setUnitCode(value))}
          options={[
            { value: ALL, label: t('adminUsers.allUnits') },
            ...unitList.map((unit) => ({
              value: unit.code,
              label: `${unit.code} – ${localized(language, unit.name_vi, unit.name_en)}`,
            })),
          ]}
          popupMatchSelectWidth={false}
        />
        <Select
          className="filter-select"
          aria-label={t('adminUsers.activeFilter')}
          value={state}
          onChange={(value) => refilter(() => setState(value))}
          options={[
            { value: ALL, label: t('adminUsers.allStates') },
            { value: 'active', label: t('adminUsers.active') },
            { value: 'disabled', label: t('adminUsers.disabled') },
          ]}
        />
      </Flex>
      {update.isError && editing.kind === 'closed' ? (
        <ProblemAlert className="form-alert" error={update.error} />
      ) : null}
      {users.isError ? (
        <ProblemAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <UsersTable
          users={users.data?.items ?? []}
          total={users.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          loading={users.isFetching}
          onPageChange={(nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          }}
          onEdit={(user) => setEditing({ kind: 'edit', user })}
          onToggleActive={toggleActive}
          onReset={resetPassword}
        />
      )}
      <UserFormModal
        open={editing.kind !== 'closed'}
        user={editing.kind === 'edit' ? editing.user : null}
        units={unitList}
        saving={create.isPending || update.isPending}
        error={editing.kind === 'edit' ? update.error : create.error}
        onSubmit={submit}
        onCancel={closeForm}
      />
      <TemporaryPasswordModal shown={shown} onClose={() => setShown(null)} />
    </>
  );
}
