import { useSession } from '../features/auth';
import { FormError } from '../ui/FormError';
import { Page } from '../ui/Page';

/** What shows while the session is being checked, or when the server could not be asked. */
export function SessionProblem() {
  const { state, reload } = useSession();
  if (state.status === 'error') {
    return (
      <Page title="Cannot reach the server">
        <FormError message={state.message} />
        <button type="button" onClick={reload}>
          Try again
        </button>
      </Page>
    );
  }
  return (
    <p role="status" className="loading">
      Loading…
    </p>
  );
}
