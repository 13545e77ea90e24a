/**
 * Customer import: an NDJSON file sent through POST /v1/customers/import in chunks of 1,000 lines
 * (the route's limits are 10,000 lines and 5 MiB), with a progress bar and every rejected line by
 * its line number in the file. A chunk that ran out of time resumes from `resumeFromLine`.
 */
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FileUpload from '@cloudscape-design/components/file-upload';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';

const CHUNK_LINES = 1000;

interface Rejected {
  line: number;
  errors: { path: string; message: string }[];
}
interface Totals {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejected[];
}

export function ImportPage() {
  const { t } = useI18n();
  const api = useApi();
  const [files, setFiles] = useState<File[]>([]);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [totals, setTotals] = useState<Totals | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [running, setRunning] = useState(false);

  const run = async () => {
    const file = files[0];
    if (!file) return;
    setRunning(true);
    setFailure(undefined);
    const lines = (await file.text()).split('\n');
    while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
    const sum: Totals = { created: 0, updated: 0, unchanged: 0, rejected: [] };
    setTotal(lines.length);
    setDone(0);
    setTotals(sum);
    try {
      for (let start = 0; start < lines.length; ) {
        const chunk = lines.slice(start, start + CHUNK_LINES);
        const { data, error, response } = await api.POST(
          '/v1/customers/import' as never,
          {
            body: `${chunk.join('\n')}\n`,
            bodySerializer: (body: string) => body,
            headers: { 'content-type': 'application/x-ndjson' },
          } as never,
        );
        const answer = (response.ok ? data : error) as unknown as Partial<Totals> & {
          resumeFromLine?: number;
          title?: string;
        };
        if (!response.ok && !answer?.rejected) throw new Error(answer?.title ?? `HTTP ${response.status}`);
        sum.created += answer.created ?? 0;
        sum.updated += answer.updated ?? 0;
        sum.unchanged += answer.unchanged ?? 0;
        // the route numbers lines within the request: add the chunk's start for the file's own
        sum.rejected.push(...(answer.rejected ?? []).map((r) => ({ ...r, line: r.line + start })));
        start += answer.resumeFromLine ? answer.resumeFromLine - 1 : chunk.length;
        setDone(start);
        setTotals({ ...sum, rejected: [...sum.rejected] });
      }
    } catch (error) {
      setFailure(String(error instanceof Error ? error.message : error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <ContentLayout header={<Header variant="h1">{t('navImport')}</Header>}>
      <SpaceBetween size="l">
        <Container>
          <SpaceBetween size="m">
            <FormField label={t('adminImportFile')}>
              <FileUpload
                value={files}
                onChange={({ detail }) => setFiles(detail.value)}
                accept=".ndjson,.jsonl,application/x-ndjson"
                i18nStrings={{
                  uploadButtonText: () => t('adminImportFile'),
                  dropzoneText: () => t('adminImportFile'),
                  removeFileAriaLabel: () => 'Remove',
                  errorIconAriaLabel: 'Error',
                }}
              />
            </FormField>
            <Button
              variant="primary"
              disabled={files.length === 0}
              loading={running}
              onClick={() => void run()}
            >
              {t('adminImportStart')}
            </Button>
            {total > 0 && (
              <ProgressBar
                label={t('adminImportProgress')}
                value={Math.round((done / total) * 100)}
                additionalInfo={`${done} / ${total}`}
                status={running ? 'in-progress' : 'success'}
                resultText={
                  totals &&
                  t('adminImportSummary', {
                    created: totals.created,
                    updated: totals.updated,
                    unchanged: totals.unchanged,
                    rejected: totals.rejected.length,
                  })
                }
              />
            )}
            {failure && <Alert type="error">{failure}</Alert>}
          </SpaceBetween>
        </Container>
        {totals && totals.rejected.length > 0 && (
          <Table
            header={
              <Header variant="h2" counter={`(${totals.rejected.length})`}>
                {t('adminRejected')}
              </Header>
            }
            items={totals.rejected}
            wrapLines
            columnDefinitions={[
              { id: 'line', header: t('adminLine'), cell: (r) => r.line },
              {
                id: 'errors',
                header: t('adminErrors'),
                cell: (r) => r.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
              },
            ]}
            variant="container"
          />
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}
