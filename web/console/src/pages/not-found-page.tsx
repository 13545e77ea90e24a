import Box from '@cloudscape-design/components/box';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import { useI18n } from '../i18n/i18n';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <ContentLayout header={<Header variant="h1">{t('notFoundTitle')}</Header>}>
      <Box>{t('notFoundBody')}</Box>
    </ContentLayout>
  );
}
