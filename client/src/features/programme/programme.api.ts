import {
  programmeOverviewSchema,
  type ProgrammeOverview,
  type ProgrammeView,
} from '@exam/shared/api';
import { apiRequest, withSignal } from '../../lib/api';

export function getProgrammeOverview(signal?: AbortSignal): Promise<ProgrammeOverview> {
  return apiRequest('/api/programme/overview', {
    schema: programmeOverviewSchema,
    ...withSignal(signal),
  });
}

/** Where the browser downloads one view as CSV. */
export const programmeCsvPath = (view: ProgrammeView) => `/api/programme/export.csv?view=${view}`;
/** Where the browser downloads every view as one workbook. */
export const programmeXlsxPath = '/api/programme/export.xlsx';
