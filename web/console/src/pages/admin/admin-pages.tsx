/** The admin pages under /console/admin/*: campaigns, customer preferences, customer import. */
import { Navigate, Route, Routes } from 'react-router-dom';
import { CampaignsPage } from './campaigns-page';
import { ImportPage } from './import-page';
import { PreferencesPage } from './preferences-page';

export default function AdminPages() {
  return (
    <Routes>
      <Route path="campaigns/*" element={<CampaignsPage />} />
      <Route path="preferences/*" element={<PreferencesPage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="*" element={<Navigate to="campaigns" replace />} />
    </Routes>
  );
}
