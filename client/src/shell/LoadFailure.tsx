import { Component, type ReactNode } from 'react';
import { Page } from '../ui/Page';

/**
 * Catches a page whose script could not be fetched (the network dropped, or a new build replaced
 * the old files) so the candidate reads what happened instead of a blank window. Reloading is
 * safe on every page: the exam keeps unsent answers on this device and replays them.
 */
export class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Page title="This page could not be loaded">
        <p role="alert">
          Part of this page did not arrive. Check the network connection, then reload the page.
          Nothing you have done is lost: answers not yet saved stay on this device.
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </Page>
    );
  }
}
