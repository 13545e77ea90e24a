/**
 * Signing in. Locally: who you are (name, role, team) for the local cloud's `/dev/token`. On AWS:
 * one button to Cognito's managed login. Either way the console then opens the page that asked.
 */
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { type Role, roles } from '#shared/contracts/roles';
import { teams } from '#shared/contracts/vocabulary';
import { useAuth } from '../../auth/auth';
import { useI18n, useLabel } from '../../i18n/i18n';

/** Only paths inside the console: a returnTo naming another site would be an open redirect. */
export function safeReturnTo(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default function SignInPage() {
  const { t } = useI18n();
  const label = useLabel();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const [sub, setSub] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [team, setTeam] = useState<string>('claims');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (!sub.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await auth.signInDev({ sub: sub.trim(), role, ...(team ? { team } : {}) });
      navigate(returnTo, { replace: true });
    } catch (e) {
      setError(t('signInFailed', { detail: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const roleOptions = roles.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const teamOptions = [
    { value: '', label: t('signInNoTeam') },
    ...teams.map((v) => ({ value: v, label: label('team', v) })),
  ];

  return (
    <main style={{ maxWidth: 480, margin: '64px auto', padding: '0 16px' }}>
      <SpaceBetween size="l">
        <Header variant="h1">
          {t('appName')} · {t('signInTitle')}
        </Header>
        {auth.expired && <Alert type="warning">{t('sessionExpired')}</Alert>}
        {error && <Alert type="error">{error}</Alert>}
        {auth.signInKind === 'cognito' ? (
          <Container>
            <Button variant="primary" onClick={() => auth.beginSignIn(returnTo)}>
              {t('signInCognito')}
            </Button>
          </Container>
        ) : (
          <form onSubmit={(e) => void submit(e)}>
            <Form
              actions={
                <Button variant="primary" formAction="submit" loading={busy}>
                  {t('signInSubmit')}
                </Button>
              }
            >
              <Container>
                <SpaceBetween size="m">
                  <Box variant="p">{t('signInIntro')}</Box>
                  <FormField
                    label={t('signInName')}
                    errorText={touched && !sub.trim() ? t('requiredField') : undefined}
                  >
                    <Input value={sub} onChange={({ detail }) => setSub(detail.value)} autoFocus />
                  </FormField>
                  <FormField label={t('signInRole')}>
                    <Select
                      selectedOption={roleOptions.find((o) => o.value === role) ?? null}
                      options={roleOptions}
                      onChange={({ detail }) => setRole(detail.selectedOption.value as Role)}
                    />
                  </FormField>
                  <FormField label={t('signInTeam')}>
                    <Select
                      selectedOption={teamOptions.find((o) => o.value === team) ?? null}
                      options={teamOptions}
                      onChange={({ detail }) => setTeam(detail.selectedOption.value ?? '')}
                    />
                  </FormField>
                </SpaceBetween>
              </Container>
            </Form>
          </form>
        )}
      </SpaceBetween>
    </main>
  );
}
