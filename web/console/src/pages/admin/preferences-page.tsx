/**
 * A customer's preferences: the effective channel, language, time zone, consents and quiet hours,
 * edited with If-Match (the version read), so a change made meanwhile answers 412 instead of
 * being overwritten.
 */
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ApiProblem, unwrap } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

interface Preferences {
  preferredChannel: string;
  language: string;
  timeZone: string;
  consent: { service: boolean; marketing: boolean };
  quietHours: { start: string; end: string } | null;
  version: number;
}

const option = (value: string) => ({ value, label: value });

export function PreferencesPage() {
  const { t } = useI18n();
  const api = useApi();
  const [customerId, setCustomerId] = useState('');
  const [loaded, setLoaded] = useState<Preferences | undefined>();
  const [draft, setDraft] = useState<Preferences | undefined>();
  const [quiet, setQuiet] = useState('');
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | undefined>();

  const show = (p: Preferences) => {
    setLoaded(p);
    setDraft(p);
    setQuiet(p.quietHours ? `${p.quietHours.start}–${p.quietHours.end}` : '');
  };
  const fail = (error: unknown) => {
    const problem = error instanceof ApiProblem ? error.problem : undefined;
    const fields = problem?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    setMessage({
      type: 'error',
      text: [problem?.title ?? String(error), fields].filter(Boolean).join(' — '),
    });
  };

  const load = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    try {
      show(
        unwrap(
          await api.GET(
            '/v1/customers/{customerId}/preferences' as never,
            {
              params: { path: { customerId } },
            } as never,
          ),
        ) as unknown as Preferences,
      );
    } catch (error) {
      setLoaded(undefined);
      fail(error);
    }
  };

  const save = async () => {
    if (!draft || !loaded) return;
    const [start, end] = quiet.split(/[–-]/).map((s) => s.trim());
    try {
      const saved = unwrap(
        await api.PUT(
          '/v1/customers/{customerId}/preferences' as never,
          {
            params: { path: { customerId } },
            headers: { 'if-match': String(loaded.version) },
            body: {
              preferredChannel: draft.preferredChannel,
              language: draft.language,
              timeZone: draft.timeZone,
              consent: draft.consent,
              quietHours: quiet.trim() ? { start, end } : null,
            },
          } as never,
        ),
      ) as unknown as Preferences;
      show(saved);
      setMessage({ type: 'success', text: t('adminSaved', { version: saved.version }) });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <ContentLayout header={<Header variant="h1">{t('navPreferences')}</Header>}>
      <SpaceBetween size="l">
        <form onSubmit={load}>
          <Container>
            <SpaceBetween direction="horizontal" size="xs" alignItems="end">
              <FormField label={t('adminCustomerId')}>
                <Input value={customerId} onChange={({ detail }) => setCustomerId(detail.value)} />
              </FormField>
              <Button formAction="submit">{t('adminLoad')}</Button>
            </SpaceBetween>
          </Container>
        </form>
        {message && <Alert type={message.type}>{message.text}</Alert>}
        {draft && (
          <Container header={<Header variant="h2">{t('adminEffective')}</Header>}>
            <Form
              actions={
                <Button variant="primary" onClick={() => void save()}>
                  {t('adminSave')}
                </Button>
              }
            >
              <SpaceBetween size="m">
                <FormField label={t('adminChannel')}>
                  <Select
                    selectedOption={option(draft.preferredChannel)}
                    options={['sms', 'email'].map(option)}
                    onChange={({ detail }) =>
                      setDraft({ ...draft, preferredChannel: detail.selectedOption.value! })
                    }
                  />
                </FormField>
                <FormField label={t('adminLanguage')}>
                  <Select
                    selectedOption={option(draft.language)}
                    options={['zh-CN', 'en'].map(option)}
                    onChange={({ detail }) => setDraft({ ...draft, language: detail.selectedOption.value! })}
                  />
                </FormField>
                <FormField label={t('adminTimeZone')}>
                  <Input
                    value={draft.timeZone}
                    onChange={({ detail }) => setDraft({ ...draft, timeZone: detail.value })}
                  />
                </FormField>
                <Checkbox
                  checked={draft.consent.service}
                  onChange={({ detail }) =>
                    setDraft({ ...draft, consent: { ...draft.consent, service: detail.checked } })
                  }
                >
                  {t('adminConsentService')}
                </Checkbox>
                <Checkbox
                  checked={draft.consent.marketing}
                  onChange={({ detail }) =>
                    setDraft({ ...draft, consent: { ...draft.consent, marketing: detail.checked } })
                  }
                >
                  {t('adminConsentMarketing')}
                </Checkbox>
                <FormField label={t('adminQuietHours')}>
                  <Input
                    value={quiet}
                    onChange={({ detail }) => setQuiet(detail.value)}
                    placeholder="22:00–07:30"
                  />
                </FormField>
              </SpaceBetween>
            </Form>
          </Container>
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}
