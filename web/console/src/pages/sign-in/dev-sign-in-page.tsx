/**
 * `/console/dev-sign-in?sub=&role=&team=` (local stages only): signs in at once and opens the queue,
 * or `returnTo` — for demos and browser tests.
 */
import Alert from '@cloudscape-design/components/alert';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Role } from '#shared/contracts/roles';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { PageLoading } from '../../layout/page-loading';
import { safeReturnTo } from './sign-in-page';

export default function DevSignInPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const team = params.get('team');
    auth
      .signInDev({
        sub: params.get('sub') ?? '',
        role: (params.get('role') ?? 'agent') as Role,
        ...(team ? { team } : {}),
      })
      .then(() => navigate(safeReturnTo(params.get('returnTo')), { replace: true }))
      .catch((e: Error) => setError(t('signInFailed', { detail: e.message })));
  }, [auth, navigate, params, t]);

  return (
    <main style={{ maxWidth: 480, margin: '64px auto', padding: '0 16px' }}>
      <h1 style={{ fontSize: 20 }}>{t('signingIn')}</h1>
      {error ? <Alert type="error">{error}</Alert> : <PageLoading />}
    </main>
  );
}
