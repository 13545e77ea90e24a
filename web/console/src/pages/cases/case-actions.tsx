/** Every action of the case API as a form, shown when the case's status allows it. */
import Checkbox from '@cloudscape-design/components/checkbox';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { outcomes, rootCauses } from '#shared/contracts/vocabulary';
import type { CaseDetail } from '../../api/client';
import { useDraft } from '../../drafts/draft';
import { useI18n, useLabel } from '../../i18n/i18n';
import { ActionForm, type PostAction } from './action-form';

const working = ['triaged', 'assigned', 'in-progress', 'awaiting-customer'];

export function CaseActions(props: { detail: CaseDetail; post: PostAction; role: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const { detail, post } = props;
  const id = detail.complaintId;
  const d = (field: string) => `${id}.${field}`;
  const [assignee, setAssignee, clearAssignee] = useDraft(d('assign.assignee'), '');
  const [note, setNote, clearNote] = useDraft(d('notes.text'), '');
  const [noteVisibility, setNoteVisibility] = useDraft(d('notes.visibility'), 'internal');
  const [infoMessage, setInfoMessage, clearInfo] = useDraft(d('request-info.message'), '');
  const [response, setResponse, clearResponse] = useDraft(d('customer-response.message'), '');
  const [newFacts, setNewFacts] = useDraft(d('customer-response.newFacts'), false);
  const [replyNewFacts, setReplyNewFacts] = useDraft(d('new-facts.newFacts'), false);
  const [extendReason, setExtendReason, clearExtendReason] = useDraft(d('extend.reason'), '');
  const [extendDays, setExtendDays, clearExtendDays] = useDraft(d('extend.days'), '');
  const [outcome, setOutcome] = useDraft(d('resolve.outcome'), 'upheld');
  const [remedy, setRemedy, clearRemedy] = useDraft(d('resolve.remedy'), '');
  const [rootCause, setRootCause] = useDraft(d('resolve.rootCause'), 'claims-handling');
  const [letter, setLetter, clearLetter] = useDraft(d('resolve.letter'), '');
  const [reopenReason, setReopenReason, clearReopen] = useDraft(d('reopen.reason'), '');
  const [satisfaction, setSatisfaction] = useDraft(d('follow-up.satisfaction'), '5');
  const [comment, setComment, clearComment] = useDraft(d('follow-up.comment'), '');
  const s = detail.status;
  const text = (v: string) => (v.trim() ? v.trim() : undefined);
  const common = { detail, post };
  // the API lists the tiers of this case's regime that the signed-in role may approve
  const tiers = detail.extensions;
  const [tierDays, setTierDays] = useDraft(d('extend.tier'), String(tiers[0]?.upToDays ?? ''));
  const tier = tiers.find((x) => String(x.upToDays) === tierDays) ?? tiers[0];
  const tierLabel = (x: (typeof tiers)[number]) =>
    t(x.customerNotice ? 'extendTierNotice' : 'extendTier', {
      total: x.upToDays,
      min: x.minDays,
      max: x.maxDays,
    });

  return (
    <SpaceBetween size="s">
      {working.includes(s) && (
        <ActionForm
          {...common}
          action="assign"
          title="actionAssign"
          onDone={clearAssignee}
          body={() => text(assignee) && { assignee: text(assignee) }}
        >
          <FormField label={t('fieldAssignee')}>
            <Input value={assignee} onChange={({ detail: v }) => setAssignee(v.value)} />
          </FormField>
        </ActionForm>
      )}
      {['assigned', 'in-progress'].includes(s) && (
        <ActionForm
          {...common}
          action="request-info"
          title="actionRequestInfo"
          onDone={clearInfo}
          body={() => text(infoMessage) && { message: text(infoMessage) }}
        >
          <FormField label={t('fieldMessage')}>
            <Textarea value={infoMessage} onChange={({ detail: v }) => setInfoMessage(v.value)} />
          </FormField>
        </ActionForm>
      )}
      {s === 'awaiting-customer' && (
        <ActionForm
          {...common}
          action="customer-response"
          title="actionCustomerResponse"
          onDone={clearResponse}
          body={() => text(response) && { message: text(response), newFacts }}
        >
          <SpaceBetween size="s">
            <FormField label={t('fieldCustomerMessage')}>
              <Textarea value={response} onChange={({ detail: v }) => setResponse(v.value)} />
            </FormField>
            <Checkbox checked={newFacts} onChange={({ detail: v }) => setNewFacts(v.checked)}>
              {t('fieldNewFacts')}
            </Checkbox>
          </SpaceBetween>
        </ActionForm>
      )}
      {detail.newMaterial && working.includes(s) && (
        <ActionForm
          {...common}
          action="new-facts"
          title="actionNewFacts"
          onDone={() => setReplyNewFacts(false)}
          body={() => ({ newFacts: replyNewFacts })}
        >
          <Checkbox checked={replyNewFacts} onChange={({ detail: v }) => setReplyNewFacts(v.checked)}>
            {t('fieldNewFacts')}
          </Checkbox>
        </ActionForm>
      )}
      {['assigned', 'in-progress', 'awaiting-customer'].includes(s) && (
        <ActionForm
          {...common}
          action="resolve"
          title="actionResolve"
          onDone={() => {
            clearRemedy();
            clearLetter();
          }}
          body={() =>
            text(letter) && {
              outcome,
              rootCause,
              responseToCustomer: text(letter),
              ...(text(remedy) ? { remedy: text(remedy) } : {}),
            }
          }
        >
          <SpaceBetween size="s">
            <FormField label={t('fieldOutcome')}>
              <Select
                selectedOption={{ value: outcome, label: t(`outcome.${outcome as 'upheld'}`) }}
                options={outcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
                onChange={({ detail: v }) => setOutcome(v.selectedOption.value ?? 'upheld')}
              />
            </FormField>
            <FormField label={t('fieldRootCause')}>
              <Select
                selectedOption={{ value: rootCause, label: label('rootCause', rootCause) }}
                options={rootCauses.map((r) => ({ value: r, label: label('rootCause', r) }))}
                onChange={({ detail: v }) => setRootCause(v.selectedOption.value ?? 'other')}
              />
            </FormField>
            <FormField label={t('fieldRemedy')}>
              <Input value={remedy} onChange={({ detail: v }) => setRemedy(v.value)} />
            </FormField>
            <FormField label={t('fieldLetter')}>
              <Textarea rows={6} value={letter} onChange={({ detail: v }) => setLetter(v.value)} />
            </FormField>
          </SpaceBetween>
        </ActionForm>
      )}
      {s === 'resolved' && (
        <ActionForm {...common} action="close" title="actionClose" onDone={() => undefined} body={() => ({})}>
          {null}
        </ActionForm>
      )}
      {working.includes(s) && tier && (
        <ActionForm
          {...common}
          action="extend"
          title="actionExtend"
          onDone={() => {
            clearExtendReason();
            clearExtendDays();
          }}
          body={() => {
            const days = Number(extendDays);
            return text(extendReason) && Number.isInteger(days) && days > 0
              ? { reason: text(extendReason), days }
              : undefined;
          }}
        >
          <SpaceBetween size="s">
            <FormField label={t('fieldExtendTier')} description={tier.rule}>
              <Select
                selectedOption={{ value: String(tier.upToDays), label: tierLabel(tier) }}
                options={tiers.map((x) => ({ value: String(x.upToDays), label: tierLabel(x) }))}
                onChange={({ detail: v }) => setTierDays(v.selectedOption.value ?? '')}
              />
            </FormField>
            <FormField
              label={t('fieldDays')}
              description={t('extendDaysHint', { min: tier.minDays, max: tier.maxDays })}
            >
              <Input type="number" value={extendDays} onChange={({ detail: v }) => setExtendDays(v.value)} />
            </FormField>
            <FormField label={t('fieldReason')}>
              <Textarea value={extendReason} onChange={({ detail: v }) => setExtendReason(v.value)} />
            </FormField>
          </SpaceBetween>
        </ActionForm>
      )}
      {['resolved', 'closed'].includes(s) && props.role !== 'agent' && (
        <ActionForm
          {...common}
          action="reopen"
          title="actionReopen"
          onDone={clearReopen}
          body={() => text(reopenReason) && { reason: text(reopenReason) }}
        >
          <FormField label={t('fieldReason')}>
            <Textarea value={reopenReason} onChange={({ detail: v }) => setReopenReason(v.value)} />
          </FormField>
        </ActionForm>
      )}
      {['resolved', 'closed'].includes(s) && (
        <ActionForm
          {...common}
          action="follow-up"
          title="actionFollowUp"
          onDone={clearComment}
          body={() => ({
            satisfaction: Number(satisfaction),
            ...(text(comment) ? { comment: text(comment) } : {}),
          })}
        >
          <SpaceBetween size="s">
            <FormField label={t('fieldSatisfaction')}>
              <Select
                selectedOption={{ value: satisfaction, label: satisfaction }}
                options={['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }))}
                onChange={({ detail: v }) => setSatisfaction(v.selectedOption.value ?? '5')}
              />
            </FormField>
            <FormField label={t('fieldComment')}>
              <Textarea value={comment} onChange={({ detail: v }) => setComment(v.value)} />
            </FormField>
          </SpaceBetween>
        </ActionForm>
      )}
      <ActionForm
        {...common}
        action="notes"
        title="actionNotes"
        onDone={clearNote}
        body={() => text(note) && { text: text(note), visibility: noteVisibility }}
      >
        <SpaceBetween size="s">
          <FormField label={t('fieldNoteText')}>
            <Textarea value={note} onChange={({ detail: v }) => setNote(v.value)} />
          </FormField>
          <FormField label={t('fieldVisibility')}>
            <Select
              selectedOption={{
                value: noteVisibility,
                label: noteVisibility === 'customer' ? t('visibilityCustomer') : t('visibilityInternal'),
              }}
              options={[
                { value: 'internal', label: t('visibilityInternal') },
                { value: 'customer', label: t('visibilityCustomer') },
              ]}
              onChange={({ detail: v }) => setNoteVisibility(v.selectedOption.value ?? 'internal')}
            />
          </FormField>
        </SpaceBetween>
      </ActionForm>
    </SpaceBetween>
  );
}
