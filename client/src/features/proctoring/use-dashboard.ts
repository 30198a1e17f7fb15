import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { DashboardClient, type DashboardState } from './dashboard-client';

function socketUrl(sittingId: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws/proctor?sitting=${encodeURIComponent(sittingId)}`;
}

/** One live dashboard per sitting, woken by the browser's network and visibility events. */
export function useDashboard(sittingId: string | undefined): {
  client: DashboardClient | undefined;
  state: DashboardState | undefined;
} {
  const client = useMemo(
    () => (sittingId ? new DashboardClient({ url: socketUrl(sittingId) }) : undefined),
    [sittingId],
  );
  useEffect(() => {
    if (!client) return;
    client.start();
    const wake = () => client.wake();
    const visible = () => document.visibilityState === 'visible' && client.wake();
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.removeEventListener('online', wake);
      document.removeEventListener('visibilitychange', visible);
      client.dispose();
    };
  }, [client]);
  const state = useSyncExternalStore(client?.subscribe ?? noSubscribe, client?.getState ?? noState);
  return { client, state };
}

const noSubscribe = () => () => undefined;
const noState = () => undefined;
