import { formatInZone, type ZonedStyle } from '@exam/shared/domain';
import { useSession } from '../features/auth';

/**
 * The one way the interface prints an instant: in the viewer's zone (their own, else their
 * association's), with the zone named. Before sign-in, the browser's zone.
 */
export function useViewerZone(): string {
  const { state } = useSession();
  if (state.status === 'signed-in') return state.session.user.timeZone;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** `instant` in `timeZone` with the zone named; '' for no instant. */
export function formatDate(
  instant: Date | number | string | null | undefined,
  timeZone: string,
  style: ZonedStyle = 'date-time',
): string {
  if (instant === null || instant === undefined) return '';
  return formatInZone(instant, timeZone, style);
}

/**
 * `formatDate` bound to the viewer's zone, for components that print several instants; `empty`
 * is what a missing instant reads as.
 */
export function useFormatDate(
  empty = '',
): (instant: Date | number | string | null | undefined, style?: ZonedStyle) => string {
  const zone = useViewerZone();
  return (instant, style = 'date-time') =>
    instant === null || instant === undefined ? empty : formatDate(instant, zone, style);
}
