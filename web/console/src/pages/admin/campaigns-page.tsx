/**
 * Campaigns: the catalog's definitions, a preview of one date (audience by outcome and a masked
 * sample with the rendered headline, nothing sent) and the campaign's runs with their counts.
 */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { unwrap } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

interface CampaignRow {
  id: string;
  title: string;
  enabled: boolean;
  consent: string;
}
interface Preview {
  audience: number;
  wouldSend: number;
  suppressed: Record<string, number>;
  sample: {
    customerId: string;
    name: string;
    channel: string;
    outcome: string;
    reason?: string;
    headline?: string;
  }[];
}
interface Run {
  runId: string;
  occasionDate: string;
  timeZone: string;
  audience: number;
  counts: Record<string, number>;
}

const todayInShanghai = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export function CampaignsPage() {
  const { t } = useI18n();
  const api = useApi();
  const [selected, setSelected] = useState<CampaignRow | undefined>();
  const [date, setDate] = useState(todayInShanghai());
  const [previewDate, setPreviewDate] = useState<string | undefined>();
  const list = useQuery({
    queryKey: ['campaigns'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/campaigns' as never)) as unknown as { campaigns: CampaignRow[] },
  });
  const id = selected?.id;
  const preview = useQuery({
    queryKey: ['campaign-preview', id, previewDate],
    enabled: Boolean(id && previewDate),
    queryFn: async () =>
      unwrap(
        await api.GET(
          '/v1/campaigns/{campaignId}/preview' as never,
          {
            params: { path: { campaignId: id }, query: { date: previewDate } },
          } as never,
        ),
      ) as unknown as Preview,
  });
  const runs = useQuery({
    queryKey: ['campaign-runs', id],
    enabled: Boolean(id),
    queryFn: async () =>
      unwrap(
        await api.GET(
          '/v1/campaigns/{campaignId}/runs' as never,
          { params: { path: { campaignId: id } } } as never,
        ),
      ) as unknown as { runs: Run[] },
  });
  return (
    <ContentLayout header={<Header variant="h1">{t('navCampaigns')}</Header>}>
      <SpaceBetween size="l">
        <Table
          header={<Header variant="h2">{t('adminCampaignList')}</Header>}
          loading={list.isLoading}
          loadingText={t('loading')}
          items={list.data?.campaigns ?? []}
          trackBy="id"
          selectionType="single"
          selectedItems={selected ? [selected] : []}
          onSelectionChange={({ detail }) => {
            setSelected(detail.selectedItems[0]);
            setPreviewDate(undefined);
          }}
          ariaLabels={{
            selectionGroupLabel: t('adminCampaignList'),
            itemSelectionLabel: (_s, item) => item.title,
          }}
          columnDefinitions={[
            { id: 'id', header: t('adminCampaignId'), cell: (c) => c.id },
            { id: 'title', header: t('adminKind'), cell: (c) => c.title },
            { id: 'consent', header: 'Consent', cell: (c) => c.consent },
            { id: 'enabled', header: 'Enabled', cell: (c) => (c.enabled ? '✓' : '—') },
          ]}
          variant="container"
        />
        {selected && (
          <Table
            header={
              <Header
                variant="h2"
                actions={
                  <SpaceBetween direction="horizontal" size="xs" alignItems="end">
                    <FormField label={t('adminPreviewDate')}>
                      <DatePicker
                        value={date}
                        onChange={({ detail }) => setDate(detail.value)}
                        placeholder="YYYY/MM/DD"
                      />
                    </FormField>
                    <Button onClick={() => setPreviewDate(date)} loading={preview.isFetching}>
                      {t('adminPreview')}
                    </Button>
                  </SpaceBetween>
                }
              >
                {`${t('adminPreview')}: ${selected.title}`}
              </Header>
            }
            items={preview.data?.sample ?? []}
            empty={
              preview.data ? (
                <KeyValuePairs
                  columns={2}
                  items={[
                    { label: t('adminAudience'), value: String(preview.data.audience) },
                    { label: t('adminPlanned'), value: String(preview.data.wouldSend) },
                  ]}
                />
              ) : (
                <Box>—</Box>
              )
            }
            footer={
              preview.data && (
                <Box data-testid="preview-figures">
                  {t('adminAudience')}: {preview.data.audience} · {t('adminPlanned')}:{' '}
                  {preview.data.wouldSend}
                  {Object.entries(preview.data.suppressed).map(([reason, n]) => ` · ${reason}: ${n}`)}
                </Box>
              )
            }
            columnDefinitions={[
              { id: 'customer', header: t('adminCustomerId'), cell: (s) => `${s.customerId} ${s.name}` },
              { id: 'channel', header: t('adminChannel'), cell: (s) => s.channel },
              { id: 'outcome', header: t('adminOutcome'), cell: (s) => s.reason ?? s.outcome },
              { id: 'headline', header: t('adminSample'), cell: (s) => s.headline ?? '—' },
            ]}
            variant="container"
          />
        )}
        {selected && (
          <Table
            header={<Header variant="h2">{t('adminRuns')}</Header>}
            loading={runs.isLoading}
            loadingText={t('loading')}
            items={runs.data?.runs ?? []}
            empty={<Box>—</Box>}
            columnDefinitions={[
              { id: 'run', header: t('adminRunAt'), cell: (r) => `${r.occasionDate} ${r.timeZone}` },
              { id: 'audience', header: t('adminAudience'), cell: (r) => r.audience },
              {
                id: 'counts',
                header: t('adminCounts'),
                cell: (r) =>
                  Object.entries(r.counts)
                    .map(([k, n]) => `${k}: ${n}`)
                    .join(' · '),
              },
            ]}
            variant="container"
          />
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}
