/** The admin pages under /console/admin/*: placeholders until they land here (pages/admin/). */
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import { Route, Routes } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

function Placeholder(props: { title: MessageKey }) {
  const { t } = useI18n();
  return <ContentLayout header={<Header variant="h1">{t(props.title)}</Header>}>{null}</ContentLayout>;
}

export default function AdminPages() {
  return (
    <Routes>
      <Route path="campaigns/*" element={<Placeholder title="navCampaigns" />} />
      <Route path="preferences/*" element={<Placeholder title="navPreferences" />} />
      <Route path="import" element={<Placeholder title="navImport" />} />
      <Route path="*" element={<Placeholder title="navAdmin" />} />
    </Routes>
  );
}
