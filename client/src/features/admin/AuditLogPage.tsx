import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AuditEntrySummary } from '@exam/shared/api';
import { ApiError, messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useSession } from '../auth';
import { AuditEntriesTable } from './AuditEntriesTable';
import { AuditFilters } from './AuditFilters';
import { AuditVerifyPanel } from './AuditVerifyPanel';
import { addressOfFilters, filtersFromAddress, listAuditEntries } from './audit.api';

type Listing =
  | { status: 'loading' }
  | { status: 'loaded'; entries: AuditEntrySummary[]; nextBefore: number | null }
  | { status: 'failed'; message: string };

/**
 * The audit log for administrators: filter it, verify the chain, export it. The filters live in
 * the page's address, so a filtered view can be bookmarked or sent, and Back returns to the last.
 */
export function AuditLogPage() {
  const { expired } = useSession();
  const [address, setAddress] = useSearchParams();
  const query = address.toString();
  const filters = useMemo(() => filtersFromAddress(new URLSearchParams(query)), [query]);
  const [reloads, setReloads] = useState(0);
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listAuditEntries(filters, null, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) setListing({ status: 'loaded', ...page });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) expired();
        setListing({ status: 'failed', message: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [filters, reloads, expired]);

  async function loadOlder() {
    if (listing.status !== 'loaded' || listing.nextBefore === null || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listAuditEntries(filters, listing.nextBefore);
      setListing({
        status: 'loaded',
        entries: [...listing.entries, ...page.entries],
        nextBefore: page.nextBefore,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) expired();
      setMoreError(messageOf(error));
    } finally {
      setLoadingMore(false);
    }
  }

  const shown = listing.status === 'loaded' ? listing.entries.length : 0;
  return (
    <Page title="Audit log">
      <AuditVerifyPanel onUnauthenticated={expired} />
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">Entries</h2>
        <AuditFilters
          applied={filters}
          onApply={(next) => {
            setListing({ status: 'loading' });
            setMoreError(null);
            setAddress(addressOfFilters(next));
            // The same filters applied again still fetch afresh.
            setReloads((n) => n + 1);
          }}
        />
        <FormError message={listing.status === 'failed' ? listing.message : null} />
        <StatusMessage
          message={
            listing.status === 'loading'
              ? 'Loading entries…'
              : listing.status === 'loaded'
                ? `Showing ${shown} ${shown === 1 ? 'entry' : 'entries'}${listing.nextBefore === null ? '' : '; older ones follow'}.`
                : null
          }
        />
        {listing.status === 'loaded' &&
          (shown === 0 ? (
            <p>No entries match these filters.</p>
          ) : (
            <AuditEntriesTable entries={listing.entries} />
          ))}
        {listing.status === 'loaded' && listing.nextBefore !== null && (
          <button
            type="button"
            className="secondary"
            aria-disabled={loadingMore}
            onClick={() => void loadOlder()}
          >
            Load older entries
          </button>
        )}
        <FormError message={moreError} />
      </section>
    </Page>
  );
}
