/**
 * One case (`/console/cases/{complaintId}`, the page staff alerts link to): the complaint, the
 * customer as the caller may see them, the triage decision with every reason, each SLA clock with
 * its history, the timeline of actions and messages, and every action as a form.
 */
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { useApi } from '../../api/api-context';
import { ApiProblem, type CaseDetail, unwrap } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n, useLabel } from '../../i18n/i18n';
import { consoleHref, useFollow } from '../../layout/links';
import { PageLoading } from '../../layout/page-loading';
import { Countdown } from '../../sla/countdown';
import type { DeadlineState } from '../../sla/deadline';
import { useNow } from '../../sla/use-now';
import { usePostAction } from './action-form';
import { CaseActions } from './case-actions';

function Field(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Box variant="awsui-key-label">{props.label}</Box>
      <div>{props.children ?? '—'}</div>
    </div>
  );
}

export default function CasePage() {
  const { complaintId = '' } = useParams();
  const api = useApi();
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['case', complaintId],
    queryFn: async () =>
      unwrap(await api.GET('/v1/cases/{complaintId}', { params: { path: { complaintId } } })) as CaseDetail,
  });
  if (query.isPending) return <PageLoading />;
  if (query.error)
    return (
      <ContentLayout header={<Header variant="h1">{complaintId}</Header>}>
        <Alert type="error" header={t('problemTitle')}>
          {query.error instanceof ApiProblem ? query.error.message : String(query.error)}
        </Alert>
      </ContentLayout>
    );
  return <CaseView detail={query.data} />;
}

function CaseView(props: { detail: CaseDetail }) {
  const { detail } = props;
  const { t, formatInstant } = useI18n();
  const label = useLabel();
  const follow = useFollow();
  const auth = useAuth();
  const now = useNow();
  const post = usePostAction(detail);
  const staff = auth.session!.staff;
  const canTake = ['triaged', 'assigned', 'in-progress', 'awaiting-customer'].includes(detail.status);
  const masked = detail.customer.name.endsWith('**');

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={`${label('status', detail.status)} · ${detail.priority ?? ''} · ${label('team', detail.team)}`}
          actions={
            canTake &&
            detail.assignee !== staff.sub && (
              <Button
                variant="primary"
                ariaLabel="Assign to me"
                onClick={() => void post('assign', { assignee: staff.sub }).catch(() => undefined)}
              >
                {t('assignToMe')}
              </Button>
            )
          }
        >
          {t('caseTitle', { reference: detail.reference })}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">{t('sectionComplaint')}</Header>}>
          <SpaceBetween size="m">
            <ColumnLayout columns={4} variant="text-grid">
              <Field label={t('colStatus')}>{label('status', detail.status)}</Field>
              <Field label={t('colAssignee')}>{detail.assignee ?? t('unassigned')}</Field>
              <Field label={t('colCategory')}>{label('category', detail.category)}</Field>
              <Field label={t('colReceived')}>{formatInstant(detail.receivedAt)}</Field>
              <Field label={t('fieldChannel')}>{detail.channel}</Field>
              <Field label={t('fieldPolicy')}>{detail.policyNumber}</Field>
              <Field label={t('fieldEscalated')}>{detail.escalated ? t('yes') : t('no')}</Field>
              <Field label={t('fieldVersion')}>{detail.version}</Field>
            </ColumnLayout>
            {detail.subject && <Field label={t('fieldSubject')}>{detail.subject}</Field>}
            <Field label={t('fieldDescription')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{detail.description}</span>
            </Field>
          </SpaceBetween>
        </Container>

        <Container header={<Header variant="h2">{t('sectionCustomer')}</Header>}>
          <SpaceBetween size="s">
            {masked && <Box color="text-status-inactive">{t('maskedNote')}</Box>}
            <ColumnLayout columns={4} variant="text-grid">
              <Field label={t('fieldName')}>{detail.customer.name}</Field>
              <Field label={t('fieldPhone')}>{detail.customer.phone}</Field>
              <Field label={t('fieldEmail')}>{detail.customer.email}</Field>
              <Field label={t('fieldCustomerId')}>{detail.customerId}</Field>
            </ColumnLayout>
            <Field label={t('otherComplaints')}>
              {detail.otherComplaints.length === 0 ? (
                t('otherComplaintsNone')
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {detail.otherComplaints.map((c) => (
                    <li key={c.complaintId}>
                      <Link href={consoleHref(`/cases/${c.complaintId}`)} onFollow={follow}>
                        {c.reference}
                      </Link>{' '}
                      · {label('status', c.status)} · {formatInstant(c.receivedAt)}
                    </li>
                  ))}
                </ul>
              )}
            </Field>
          </SpaceBetween>
        </Container>

        <Container header={<Header variant="h2">{t('sectionTriage')}</Header>}>
          {detail.triage ? (
            <SpaceBetween size="s">
              <ColumnLayout columns={3} variant="text-grid">
                <Field label={t('colCategory')}>{label('category', detail.triage.category)}</Field>
                <Field label={t('colPriority')}>{detail.triage.priority}</Field>
                <Field label={t('colTeam')}>{label('team', detail.triage.team)}</Field>
              </ColumnLayout>
              <Box variant="h3">{t('triageReasons')}</Box>
              <ul>
                {detail.triage.reasons.map((r) => (
                  <li key={`${r.rule}:${r.detail}`}>
                    <strong>{r.rule}</strong>: {r.detail}
                  </li>
                ))}
              </ul>
            </SpaceBetween>
          ) : (
            <Box>{t('triageNone')}</Box>
          )}
        </Container>

        <Table
          variant="container"
          header={<Header variant="h2">{t('sectionClocks')}</Header>}
          items={detail.clocks}
          trackBy={(c) => `${c.regime}/${c.name}`}
          columnDefinitions={[
            { id: 'name', header: t('clockName'), cell: (c) => c.name },
            { id: 'regime', header: t('clockRegime'), cell: (c) => c.regime },
            {
              id: 'due',
              header: t('clockDue'),
              cell: (c) => `${formatInstant(c.dueAt)}${c.provisional ? ` (${t('provisional')})` : ''}`,
            },
            {
              id: 'state',
              header: t('clockState'),
              cell: (c) =>
                c.state === 'running' || c.state === 'paused' || c.state === 'breached' ? (
                  <Countdown dueAt={c.dueAt} state={c.state as DeadlineState} now={now} />
                ) : (
                  label('deadline', c.state)
                ),
            },
            {
              id: 'history',
              header: t('clockHistory'),
              cell: (c) => c.history.map((h) => `${h.change} ${formatInstant(h.at)}`).join(' · '),
            },
          ]}
        />

        <Table
          variant="container"
          header={<Header variant="h2">{t('sectionAttachments')}</Header>}
          items={detail.attachments}
          trackBy="attachmentId"
          empty={<Box>{t('noAttachments')}</Box>}
          columnDefinitions={[
            {
              id: 'file',
              header: t('attachmentFile'),
              // the link is signed for a few minutes: the page's own refetch renews it
              cell: (a) => (
                <Link href={a.downloadUrl} external>
                  {a.fileName}
                </Link>
              ),
            },
            { id: 'size', header: t('attachmentSize'), cell: (a) => `${Math.ceil(a.size / 1024)} KB` },
            { id: 'source', header: t('attachmentSource'), cell: (a) => a.source },
            { id: 'at', header: t('colWhen'), cell: (a) => formatInstant(a.receivedAt) },
          ]}
        />

        <Container header={<Header variant="h2">{t('sectionActions')}</Header>}>
          <CaseActions detail={detail} post={post} role={staff.role} />
        </Container>

        <Table
          variant="container"
          header={<Header variant="h2">{t('sectionTimeline')}</Header>}
          items={detail.timeline}
          empty={<Box>{t('noTimeline')}</Box>}
          columnDefinitions={[
            { id: 'at', header: t('colWhen'), cell: (e) => formatInstant(e.at) },
            {
              id: 'kind',
              header: t('timelineAction'),
              cell: (e) =>
                e.kind === 'action'
                  ? `${e.action} · ${t('timelineBy', { actor: e.actor })}`
                  : `${t('timelineNotification')}: ${e.type} (${e.channel}) · ${e.outcome}${e.reason ? ` — ${e.reason}` : ''}`,
            },
          ]}
        />
      </SpaceBetween>
    </ContentLayout>
  );
}
