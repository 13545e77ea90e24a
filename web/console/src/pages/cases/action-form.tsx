/**
 * One case action as a form. What is typed is a draft (kept through a session that ends and a
 * 412); a 412 shows "changed by someone else" with the case as it now is, and keeps the draft.
 */
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Form from '@cloudscape-design/components/form';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ApiProblem, type CaseDetail } from '../../api/client';
import { useI18n, useLabel } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

export type PostAction = (action: string, body: unknown) => Promise<void>;

/** Posts an action with the version the person saw; refreshes the case afterwards either way. */
export function usePostAction(detail: CaseDetail): PostAction {
  const api = useApi();
  const queryClient = useQueryClient();
  return async (action, body) => {
    try {
      const result = await api.POST('/v1/cases/{complaintId}/{action}', {
        params: {
          path: { complaintId: detail.complaintId, action },
          header: { 'if-match': `"${detail.version}"` },
        } as never,
        body: body as never,
      });
      if (!result.response.ok) {
        throw new ApiProblem({ ...((result.error ?? {}) as object), status: result.response.status });
      }
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['case', detail.complaintId] });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    }
  };
}

export function ActionForm(props: {
  title: MessageKey;
  detail: CaseDetail;
  /** Builds the body from the drafts; undefined when a required field is empty. */
  body: () => unknown | undefined;
  onDone: () => void;
  post: PostAction;
  action: string;
  children: ReactNode;
  defaultExpanded?: boolean;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ReactNode>();
  const [done, setDone] = useState(false);
  const [conflict, setConflict] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = props.body();
    if (body === undefined) {
      setProblem(t('requiredField'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setDone(false);
    setConflict(false);
    try {
      await props.post(props.action, body);
      props.onDone();
      setDone(true);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) {
        // the answer names no new state: the case is read again (post's finally) and shown below
        setConflict(true);
      } else if (error instanceof ApiProblem) {
        setProblem(
          <Alert type="error" header={t('problemTitle')}>
            {error.message}
            {error.problem.errors?.map((e) => (
              <div key={e.path}>
                {e.path}: {e.message}
              </div>
            ))}
          </Alert>,
        );
      } else throw error;
    } finally {
      setBusy(false);
    }
  };
  return (
    <ExpandableSection
      headerText={t(props.title)}
      variant="container"
      defaultExpanded={props.defaultExpanded}
    >
      <form onSubmit={(e) => void submit(e)}>
        <Form
          errorText={typeof problem === 'string' ? problem : undefined}
          actions={
            <Button formAction="submit" loading={busy}>
              {t(props.title)}
            </Button>
          }
        >
          {conflict && (
            <Alert type="warning" header={t('conflictTitle')}>
              {t('conflictBody', {
                status: label('status', props.detail.status),
                assignee: props.detail.assignee ?? t('unassigned'),
                version: props.detail.version,
              })}
            </Alert>
          )}
          {typeof problem !== 'string' && problem}
          {done && <Alert type="success">{t('actionDone', { action: t(props.title) })}</Alert>}
          {props.children}
        </Form>
      </form>
    </ExpandableSection>
  );
}
