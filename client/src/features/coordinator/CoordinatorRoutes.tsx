import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../shell/NotFoundPage';
import { QtiImportPage } from '../bank-exchange';
import { AccommodationsPage } from './AccommodationsPage';
import { AttemptResponsesPage } from './AttemptResponsesPage';
import { BankItemPage } from './BankItemPage';
import { BankItemsPage } from './BankItemsPage';
import { CandidatesPage } from './CandidatesPage';
import { FormPreviewPage } from './FormPreviewPage';
import { FormsPage } from './FormsPage';
import { IncidentReportPage } from './IncidentReportPage';
import { ResponseHistoryPage } from './ResponseHistoryPage';
import { SittingDetailPage } from './SittingDetailPage';
import { SittingEditorPage } from './SittingEditorPage';
import { SittingsPage } from './SittingsPage';
import { VignetteSetEditorPage } from './VignetteSetEditorPage';
import { VignetteSetsPage } from './VignetteSetsPage';

/** Who may use the console; the server's routes admit the same roles. */
export const coordinatorRoles = ['coordinator', 'admin'] as const;

/** The console's pages under /coordinator. */
export function CoordinatorRoutes() {
  return (
    <Routes>
      <Route index element={<SittingsPage />} />
      <Route path="sittings/new" element={<SittingEditorPage />} />
      <Route path="sittings/:id" element={<SittingDetailPage />} />
      <Route path="sittings/:id/edit" element={<SittingEditorPage />} />
      <Route path="sittings/:id/incident-report" element={<IncidentReportPage />} />
      <Route path="sittings/:id/attempts/:attemptId/responses" element={<AttemptResponsesPage />} />
      <Route
        path="sittings/:id/attempts/:attemptId/responses/:vignette"
        element={<ResponseHistoryPage />}
      />
      <Route path="candidates" element={<CandidatesPage />} />
      <Route path="candidates/:id/accommodations" element={<AccommodationsPage />} />
      <Route path="bank" element={<BankItemsPage />} />
      <Route path="bank/items/new" element={<BankItemPage />} />
      <Route path="bank/items/:id" element={<BankItemPage />} />
      <Route path="bank/exchange" element={<QtiImportPage />} />
      <Route path="forms" element={<FormsPage />} />
      <Route path="forms/:id/preview" element={<FormPreviewPage />} />
      <Route path="vignettes" element={<VignetteSetsPage />} />
      <Route path="vignettes/new" element={<VignetteSetEditorPage />} />
      <Route path="vignettes/:id" element={<VignetteSetEditorPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
