/** The lead dashboard: a placeholder until the dashboard pages land here (pages/dashboard/). */
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import { useI18n } from '../../i18n/i18n';

export default function DashboardPage() {
  const { t } = useI18n();
  return <ContentLayout header={<Header variant="h1">{t('navDashboard')}</Header>}>{null}</ContentLayout>;
}
