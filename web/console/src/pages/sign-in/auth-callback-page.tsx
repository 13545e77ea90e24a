/** Where Cognito's managed login returns (`signIn.redirectPath`): finish the code exchange, go back. */
import Alert from '@cloudscape-design/components/alert';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { PageLoading } from '../../layout/page-loading';
import { safeReturnTo } from './sign-in-page';

export default function AuthCallbackPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    auth
      .completeCognitoSignIn()
      .then((returnTo) => navigate(safeReturnTo(returnTo), { replace: true }))
      .catch((e: Error) => setError(t('signInFailed', { detail: e.message })));
  }, [auth, navigate, t]);
  return (
    <main style={{ maxWidth: 480, margin: '64px auto', padding: '0 16px' }}>
      <h1 style={{ fontSize: 20 }}>{t('signingIn')}</h1>
      {error ? <Alert type="error">{error}</Alert> : <PageLoading />}
    </main>
  );
}
