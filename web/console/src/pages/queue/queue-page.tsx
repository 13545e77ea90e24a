/**
 * The queue (home): my cases and my team's, most urgent first, each with a live countdown to its
 * next deadline. Filters live in the URL (a filtered queue can be bookmarked or shared); search
 * finds a case by reference, phone, email, policy number or customer id. Leads reassign in bulk.
 */
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { categories, complaintStatuses, priorities } from '#shared/contracts/vocabulary';
import { useApi } from '../../api/api-context';
import { ApiProblem, type CaseQueuePage, type QueueRow, unwrap } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n, useLabel } from '../../i18n/i18n';
import { consoleHref, useFollow } from '../../layout/links';
import { Countdown } from '../../sla/countdown';
import { type DeadlineState, deadlineState, dueToday } from '../../sla/deadline';
import { useNow } from '../../sla/use-now';

const COMPANY_TIME_ZONE = 'Asia/Shanghai';

export function rowDeadline(row: QueueRow, now: Date): { dueAt: string; state: DeadlineState } | undefined {
  if (row.sla) return { dueAt: row.sla.dueAt, state: row.sla.state };
  if (!row.nextDeadline) return undefined;
  const { dueAt } = row.nextDeadline;
  const paused = row.status === 'awaiting-customer';
  return { dueAt, state: deadlineState({ dueAt, startedAt: row.receivedAt, paused }, now) };
}

export default function QueuePage() {
  const { t } = useI18n();
  const label = useLabel();
  const api = useApi();
  const auth = useAuth();
  const follow = useFollow();
  const queryClient = useQueryClient();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const staff = auth.session!.staff;
  const filter = {
    status: params.get('status') ?? '',
    priority: params.get('priority') ?? '',
    category: params.get('category') ?? '',
    assignee: params.get('assignee') ?? '',
    due: params.get('due') ?? '',
    q: params.get('q') ?? '',
  };
  const [searchText, setSearchText] = useState(filter.q);
  const [selected, setSelected] = useState<QueueRow[]>([]);
  const [reassignTo, setReassignTo] = useState('');
  const [bulkMessage, setBulkMessage] = useState<{ type: 'success' | 'error'; text: string }>();

  const setFilter = (name: keyof typeof filter, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const apiAssignee =
    filter.assignee === 'mine' ? staff.sub : filter.assignee === 'unassigned' ? '' : filter.assignee;
  const query = useInfiniteQuery({
    queryKey: ['cases', filter.status, filter.priority, apiAssignee, filter.q],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const q: Record<string, string> = { limit: '100' };
      if (filter.q) q.q = filter.q;
      else {
        if (filter.status) q.status = filter.status;
        if (filter.priority) q.priority = filter.priority;
        if (apiAssignee) q.assignee = apiAssignee;
      }
      if (pageParam) q.cursor = pageParam;
      return unwrap(await api.GET('/v1/cases', { params: { query: q as never } })) as CaseQueuePage;
    },
    getNextPageParam: (last) => last.cursor ?? undefined,
  });

  const rows = useMemo(() => {
    const all = query.data?.pages.flatMap((p) => p.items) ?? [];
    return all.filter((row) => {
      if (filter.category && row.category !== filter.category) return false;
      if (filter.assignee === 'unassigned' && row.assignee) return false;
      const deadline = rowDeadline(row, now);
      if (filter.due === 'today' && !(deadline && dueToday(deadline.dueAt, now, COMPANY_TIME_ZONE)))
        return false;
      if (filter.due === 'breaching' && !(deadline && ['warning', 'breached'].includes(deadline.state)))
        return false;
      return true;
    });
  }, [query.data, filter.category, filter.assignee, filter.due, now]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter('q', searchText.trim());
  };

  const reassign = async () => {
    const assignee = reassignTo.trim();
    if (!assignee || selected.length === 0) return;
    const failed: string[] = [];
    for (const row of selected) {
      const result = await api.POST('/v1/cases/{complaintId}/{action}', {
        params: {
          path: { complaintId: row.complaintId, action: 'assign' },
          header: { 'if-match': `"${row.version}"` } as never,
        },
        body: { assignee } as never,
      });
      if (!result.response.ok) failed.push(row.reference);
    }
    setBulkMessage(
      failed.length
        ? {
            type: 'error',
            text: t('bulkReassignFailed', {
              moved: selected.length - failed.length,
              count: selected.length,
              assignee,
              references: failed.join(', '),
            }),
          }
        : { type: 'success', text: t('bulkReassignDone', { count: selected.length, assignee }) },
    );
    setSelected([]);
    await queryClient.invalidateQueries({ queryKey: ['cases'] });
  };

  const options = (values: readonly string[], prefix: string) => [
    { value: '', label: t('filterAny') },
    ...values.map((v) => ({ value: v, label: prefix ? label(prefix, v) : v })),
  ];
  const filterSelect = (
    name: keyof typeof filter,
    title: string,
    opts: { value: string; label: string }[],
  ) => (
    <FormField label={title}>
      <Select
        selectedOption={opts.find((o) => o.value === filter[name]) ?? opts[0]!}
        options={opts}
        onChange={({ detail }) => setFilter(name, detail.selectedOption.value ?? '')}
      />
    </FormField>
  );
  const isLead = staff.role !== 'agent';

  return (
    <ContentLayout
      header={
        <Header variant="h1" description={t('queueDescription')}>
          {t('queueTitle')}
        </Header>
      }
    >
      <SpaceBetween size="m">
        <search>
          <form onSubmit={search}>
            <SpaceBetween direction="horizontal" size="xs">
              <div style={{ minWidth: 360 }}>
                <Input
                  type="search"
                  // the contract name in every language (tests and assistive tools find it by it)
                  ariaLabel="Search cases"
                  placeholder={t('searchPlaceholder')}
                  value={searchText}
                  onChange={({ detail }) => setSearchText(detail.value)}
                />
              </div>
              <Button formAction="submit" iconName="search">
                {t('searchCases')}
              </Button>
              {filter.q && (
                <Button
                  onClick={() => {
                    setSearchText('');
                    setFilter('q', '');
                  }}
                >
                  {t('clearSearch')}
                </Button>
              )}
            </SpaceBetween>
          </form>
        </search>
        <SpaceBetween direction="horizontal" size="s">
          {filterSelect('status', t('filterStatus'), options(complaintStatuses, 'status'))}
          {filterSelect('priority', t('filterPriority'), options(priorities, ''))}
          {filterSelect('category', t('filterCategory'), options(categories, 'category'))}
          {filterSelect('assignee', t('filterAssignee'), [
            { value: '', label: t('filterAny') },
            { value: 'mine', label: t('filterMine') },
            { value: 'unassigned', label: t('filterUnassigned') },
          ])}
          {filterSelect('due', t('filterDue'), [
            { value: '', label: t('filterAny') },
            { value: 'today', label: t('filterDueToday') },
            { value: 'breaching', label: t('filterBreaching') },
          ])}
        </SpaceBetween>
        {bulkMessage && (
          <Alert type={bulkMessage.type} dismissible onDismiss={() => setBulkMessage(undefined)}>
            {bulkMessage.text}
          </Alert>
        )}
        {query.error && (
          <Alert type="error">
            {/* a search text the API cannot read answers 400 with what it may be (query.q) */}
            {query.error instanceof ApiProblem && query.error.problem.errors?.length
              ? query.error.problem.errors.map((e) => <div key={e.path}>{e.message}</div>)
              : query.error.message}
          </Alert>
        )}
        <Table
          variant="container"
          header={
            <Header
              counter={`(${rows.length})`}
              actions={
                isLead && (
                  <SpaceBetween direction="horizontal" size="xs">
                    <Input
                      ariaLabel={t('bulkReassignTo')}
                      placeholder={t('bulkReassignTo')}
                      value={reassignTo}
                      onChange={({ detail }) => setReassignTo(detail.value)}
                    />
                    <Button disabled={!selected.length || !reassignTo.trim()} onClick={() => void reassign()}>
                      {t('bulkReassign')}
                    </Button>
                  </SpaceBetween>
                )
              }
            >
              {filter.q ? t('searchResults', { q: filter.q }) : t('queueTitle')}
            </Header>
          }
          items={rows}
          trackBy="complaintId"
          loading={query.isPending}
          loadingText={t('loading')}
          selectionType={isLead ? 'multi' : undefined}
          selectedItems={selected}
          onSelectionChange={({ detail }) => setSelected(detail.selectedItems)}
          ariaLabels={{
            allItemsSelectionLabel: () => t('selectAll'),
            itemSelectionLabel: (_, row) => t('selectCase', { reference: row.reference }),
            selectionGroupLabel: t('bulkReassign'),
          }}
          empty={<Box textAlign="center">{t('noCases')}</Box>}
          columnDefinitions={[
            {
              id: 'reference',
              header: t('colReference'),
              cell: (row) => (
                <Link href={consoleHref(`/cases/${row.complaintId}`)} onFollow={follow}>
                  {row.reference}
                </Link>
              ),
            },
            {
              id: 'deadline',
              header: t('colTimeLeft'),
              cell: (row) => {
                const d = rowDeadline(row, now);
                return d ? <Countdown dueAt={d.dueAt} state={d.state} now={now} /> : t('deadline.none');
              },
            },
            { id: 'status', header: t('colStatus'), cell: (row) => label('status', row.status) },
            { id: 'priority', header: t('colPriority'), cell: (row) => row.priority ?? '—' },
            { id: 'category', header: t('colCategory'), cell: (row) => label('category', row.category) },
            { id: 'team', header: t('colTeam'), cell: (row) => label('team', row.team) },
            { id: 'assignee', header: t('colAssignee'), cell: (row) => row.assignee ?? t('unassigned') },
            { id: 'customer', header: t('colCustomer'), cell: (row) => row.customer.name },
          ]}
          footer={
            query.hasNextPage && (
              <Box textAlign="center">
                <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                  {t('loadMore')}
                </Button>
              </Box>
            )
          }
        />
      </SpaceBetween>
    </ContentLayout>
  );
}
