/**
 * The lead dashboard: the figures of the complaints report (GET /v1/reports/complaints) for a
 * period of receipt — what is open and where, due today, warnings and breaches now, escalations,
 * met share per regime and clock, top root causes, time to resolve. Every number is the report's
 * own, so the dashboard and a downloaded report never disagree. The charts are a lazy chunk.
 */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Table from '@cloudscape-design/components/table';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import type { ComplaintReport } from '../../../../../services/cases/domain/report';
import { useApi } from '../../api/api-context';
import { unwrap } from '../../api/client';
import { useI18n, useLabel } from '../../i18n/i18n';
import { PageLoading } from '../../layout/page-loading';

const DashboardCharts = lazy(() => import('./dashboard-charts'));

const PERIODS = { '30': 'dashLast30', '90': 'dashLast90', '365': 'dashLast365' } as const;
type PeriodDays = keyof typeof PERIODS;

/** Today and `days - 1` days before it, as the company's calendar dates (Asia/Shanghai). */
function periodOf(days: number, now = new Date()): { from: string; to: string } {
  const date = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  return { from: date(new Date(now.getTime() - (days - 1) * 86_400_000)), to: date(now) };
}

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

function Counter(props: { label: string; value: number; testId: string }) {
  return (
    <div>
      <Box variant="awsui-key-label">{props.label}</Box>
      <Box variant="awsui-value-large" data-testid={props.testId}>
        {props.value}
      </Box>
    </div>
  );
}

export default function DashboardPage() {
  const { t, formatInstant } = useI18n();
  const label = useLabel();
  const api = useApi();
  const [days, setDays] = useState<PeriodDays>('90');
  const period = periodOf(Number(days));
  const report = useQuery({
    queryKey: ['report', period.from, period.to],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/reports/complaints', {
          params: { query: { from: period.from, to: period.to, format: 'json' } as never },
        }),
      ) as unknown as ComplaintReport,
  });
  const r = report.data;
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={
            r && t('dashScope', { from: r.period.from, to: r.period.to, asOf: formatInstant(r.generatedAt) })
          }
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <SegmentedControl
                label={t('dashPeriod')}
                selectedId={days}
                onChange={({ detail }) => setDays(detail.selectedId as PeriodDays)}
                options={Object.entries(PERIODS).map(([id, key]) => ({ id, text: t(key) }))}
              />
              <Button iconName="refresh" loading={report.isFetching} onClick={() => void report.refetch()}>
                {t('refresh')}
              </Button>
            </SpaceBetween>
          }
        >
          {t('navDashboard')}
        </Header>
      }
    >
      {!r ? (
        report.isError ? (
          <Box color="text-status-error">{String(report.error)}</Box>
        ) : (
          <PageLoading />
        )
      ) : (
        <SpaceBetween size="l">
          <Container>
            <ColumnLayout columns={5} variant="text-grid">
              <Counter label={t('dashOpen')} value={r.now.open} testId="open" />
              <Counter label={t('dashDueToday')} value={r.now.dueToday} testId="due-today" />
              <Counter label={t('dashWarnings')} value={r.now.warnings} testId="warnings" />
              <Counter label={t('dashBreaches')} value={r.now.breaches} testId="breaches" />
              <Counter label={t('dashEscalated')} value={r.now.escalated} testId="escalated" />
            </ColumnLayout>
          </Container>
          <ColumnLayout columns={2}>
            <Table
              header={<Header variant="h2">{t('dashOpenByTeam')}</Header>}
              items={Object.entries(r.now.openByTeam).map(([team, count]) => ({ team, count }))}
              columnDefinitions={[
                { id: 'team', header: t('dashTeam'), cell: (row) => label('team', row.team) },
                { id: 'count', header: t('dashCount'), cell: (row) => row.count },
              ]}
              variant="container"
            />
            <Container header={<Header variant="h2">{t('dashTimeToResolve')}</Header>}>
              <ColumnLayout columns={3} variant="text-grid">
                <Counter label={t('dashResolved')} value={r.timeToResolve.resolved} testId="resolved" />
                <div>
                  <Box variant="awsui-key-label">{t('dashMedian')}</Box>
                  <Box variant="awsui-value-large" data-testid="p50">
                    {r.timeToResolve.medianHours === null
                      ? '—'
                      : t('dashHours', { hours: r.timeToResolve.medianHours })}
                  </Box>
                </div>
                <div>
                  <Box variant="awsui-key-label">{t('dashP90')}</Box>
                  <Box variant="awsui-value-large" data-testid="p90">
                    {r.timeToResolve.p90Hours === null
                      ? '—'
                      : t('dashHours', { hours: r.timeToResolve.p90Hours })}
                  </Box>
                </div>
              </ColumnLayout>
            </Container>
          </ColumnLayout>
          <Table
            header={<Header variant="h2">{t('dashMetShare')}</Header>}
            items={[...r.clocks]}
            empty={t('dashNoData')}
            columnDefinitions={[
              { id: 'clock', header: t('dashClock'), cell: (c) => `${c.regime} / ${c.clock}` },
              { id: 'met', header: t('dashMet'), cell: (c) => c.met },
              { id: 'breached', header: t('dashBreached'), cell: (c) => c.breached },
              { id: 'share', header: t('dashMetShare'), cell: (c) => percent(c.metShare) },
            ]}
            variant="container"
          />
          <Container header={<Header variant="h2">{t('dashTrend')}</Header>}>
            <Suspense fallback={<Spinner />}>
              <DashboardCharts trend={r.clockTrend} noData={t('dashNoData')} />
            </Suspense>
          </Container>
          <Table
            header={<Header variant="h2">{t('dashTopRootCauses')}</Header>}
            items={[...r.topRootCauses]}
            empty={t('dashNoData')}
            columnDefinitions={[
              { id: 'cause', header: t('dashRootCause'), cell: (c) => label('rootCause', c.rootCause) },
              { id: 'count', header: t('dashCount'), cell: (c) => c.count },
              { id: 'share', header: t('dashShare'), cell: (c) => percent(c.share) },
            ]}
            variant="container"
          />
        </SpaceBetween>
      )}
    </ContentLayout>
  );
}
