import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { QueryState, SkeletonRows } from '../../components/QueryState.js';
import { useMe } from '../../queries/session.js';
import { useDepartmentsQuery, usePeopleQuery } from '../../queries/people.js';
import { InitiativeForm } from './InitiativeForm.js';
import { emptyValues, fromInitiative, toCreateBody, toUpdateBody } from './initiative-form.js';
import { useCreateInitiativeMutation, useUpdateInitiativeMutation } from './initiatives.queries.js';
import { useInitiativeQuery } from '../../queries/initiatives.js';

function CreateInitiative() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const people = usePeopleQuery();
  const departments = useDepartmentsQuery();
  const create = useCreateInitiativeMutation();
  const initialValues = useMemo(() => emptyValues(me), [me]);

  if (me.role === 'viewer') {
    return <Alert color="gray">{t('problem.read_only')}</Alert>;
  }
  return (
    <>
      <PageHeader
        title={t('form.newTitle')}
        back={{ to: '/initiatives', label: t('nav.initiatives') }}
      />
      <QueryState query={people} rows={8}>
        {(data) => (
          <InitiativeForm
            mode="create"
            initialValues={initialValues}
            people={data}
            departments={departments.data ?? []}
            canManage
            submitting={create.isPending}
            error={create.error}
            onSubmit={async (values) => {
              const created = await create.mutateAsync(toCreateBody(values));
              notifications.show({ message: t('form.created'), color: 'blue' });
              await navigate(`/initiatives/${created.id}`);
            }}
            onCancel={() => void navigate('/initiatives')}
          />
        )}
      </QueryState>
    </>
  );
}

function EditInitiative({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const initiative = useInitiativeQuery(id);
  const people = usePeopleQuery();
  const departments = useDepartmentsQuery();
  const update = useUpdateInitiativeMutation(id);

  const back = { to: `/initiatives/${id}`, label: initiative.data?.title ?? t('common.back') };
  if (initiative.isPending || people.isPending) {
    return (
      <>
        <PageHeader title={t('form.editTitle')} back={back} />
        <SkeletonRows rows={8} />
      </>
    );
  }
  if (initiative.isError || people.isError) {
    return (
      <ProblemAlert
        error={initiative.error ?? people.error}
        onReload={() => void Promise.all([initiative.refetch(), people.refetch()])}
      />
    );
  }
  const data = initiative.data;
  if (!data.permissions.edit) return <Alert color="gray">{t('initiative.readOnly')}</Alert>;

  return (
    <>
      <PageHeader title={t('form.editTitle')} back={back} />
      <InitiativeForm
        // A reload after a conflict starts the form again from the current state.
        key={data.version}
        mode="edit"
        initialValues={fromInitiative(data)}
        people={people.data}
        departments={departments.data ?? []}
        canManage={data.permissions.manage}
        submitting={update.isPending}
        error={update.error}
        onSubmit={async (values) => {
          await update.mutateAsync(toUpdateBody(values, data.version, data.permissions.manage));
          notifications.show({ message: t('form.saved'), color: 'blue' });
          await navigate(`/initiatives/${id}`);
        }}
        onCancel={() => void navigate(`/initiatives/${id}`)}
        onReload={
          isApiError(update.error) && update.error.isVersionConflict
            ? () => {
                update.reset();
                void initiative.refetch();
              }
            : undefined
        }
      />
    </>
  );
}

export default function InitiativeFormPage({ mode }: { mode: 'create' | 'edit' }) {
  const { id } = useParams();
  return mode === 'edit' && id ? <EditInitiative id={id} /> : <CreateInitiative />;
}
