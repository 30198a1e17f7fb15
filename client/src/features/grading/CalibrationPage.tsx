import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { BenchmarksSection } from './BenchmarksSection';
import { getCalibrationSettings } from './calibration.api';
import { CalibrationSettingsForm } from './CalibrationSettingsForm';
import { QualificationDecisions } from './QualificationDecisions';

/**
 * Where the grading standard is kept (coordinators, administrators, chief graders): the
 * calibration rules, the benchmark responses, and every grader's qualification with the
 * decisions left to a person after a failed retry.
 */
export function CalibrationPage() {
  const { state } = useLoad((signal) => getCalibrationSettings(signal), []);
  return (
    <Page title="Grading standard">
      {state.status === 'loading' && <p role="status">Loading settings…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && <CalibrationSettingsForm initial={state.data} />}
      <QualificationDecisions />
      <BenchmarksSection />
    </Page>
  );
}
