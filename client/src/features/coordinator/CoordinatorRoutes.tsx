import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../shell/NotFoundPage';
import { BankItemPage, BankItemsPage, FormPreviewPage, FormsPage } from '../bank';
import { AccommodationsPage, CandidatesPage } from '../candidates';
import { AttemptResponsesPage, ResponseHistoryPage } from '../responses';
import {
  IncidentReportPage,
  SittingDetailPage,
  SittingEditorPage,
  SittingsPage,
} from '../sittings';
import { VignetteSetEditorPage, VignetteSetsPage } from '../vignettes';
import { StudyPointersPage } from '../study-pointers';
import { QtiImportPage } from '../bank-exchange';
import { AppealsPage } from '../results';
import { AuthorisationsPage, SittingSeatsPage } from '../bookings';
import { RetakeRequestsPage } from '../retakes';

/** The console's pages under /coordinator. */
export function CoordinatorRoutes() {
  return (
    <Routes>
      <Route index element={<SittingsPage />} />
      <Route path="sittings/new" element={<SittingEditorPage />} />
      <Route path="sittings/:id" element={<SittingDetailPage />} />
      <Route path="sittings/:id/edit" element={<SittingEditorPage />} />
      <Route path="sittings/:id/incident-report" element={<IncidentReportPage />} />
      <Route path="sittings/:id/seats" element={<SittingSeatsPage />} />
      <Route path="authorisations" element={<AuthorisationsPage />} />
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
      <Route path="study-pointers" element={<StudyPointersPage />} />
      <Route path="appeals" element={<AppealsPage />} />
      <Route path="retakes" element={<RetakeRequestsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
