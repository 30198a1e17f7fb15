import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { BankItemListQuery } from '@exam/shared/api';
import { ageBands, competencyDomains } from '@exam/shared/domain';
import { ageBandLabels, domainLabel } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState, SelectField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { listItems } from './bank.api';

const statusLabels = { draft: 'Draft', active: 'Published', retired: 'Retired' } as const;

/** The item bank, filtered by domain, age band and status. */
export function BankItemsPage() {
  const [query, setQuery] = useState<BankItemListQuery>({});
  const { state } = useLoad((signal) => listItems(query, signal), [query]);
  const canEdit = useCanEditProgrammeContent();
  const filter = (key: keyof BankItemListQuery) => (value: string) =>
    setQuery((q) => ({ ...q, [key]: value || undefined }));

  return (
    <Page title="Item bank">
      <ConsoleNav />
      {canEdit ? (
        <p>
          <Link to="/coordinator/bank/items/new" className="button-link">
            New item
          </Link>{' '}
          <Link to="/coordinator/bank/exchange">Import or export the bank (QTI 3.0)</Link>
        </p>
      ) : (
        <>
          <ProgrammeContentNote what="The bank’s items" />
          <p>
            <Link to="/coordinator/bank/exchange">Export the bank (QTI 3.0)</Link>
          </p>
        </>
      )}
      <form className="filters" aria-label="Filter items" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Domain"
          value={query.domain ?? ''}
          onChange={filter('domain')}
          options={[
            { value: '', label: 'All domains' },
            ...competencyDomains.map((d) => ({ value: d, label: domainLabel(d) })),
          ]}
        />
        <SelectField
          label="Age band"
          value={query.ageBand ?? ''}
          onChange={filter('ageBand')}
          options={[
            { value: '', label: 'All age bands' },
            ...ageBands.map((b) => ({ value: b, label: ageBandLabels[b] })),
          ]}
        />
        <SelectField
          label="Status"
          value={query.status ?? ''}
          onChange={filter('status')}
          options={[
            { value: '', label: 'Any status' },
            ...Object.entries(statusLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
      </form>
      <LoadState state={state} what="items" />
      {state.status === 'loaded' && (
        <table className="data-table">
          <caption>
            {state.data.length} item{state.data.length === 1 ? '' : 's'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Domain</th>
              <th scope="col">Age band</th>
              <th scope="col">Status</th>
              <th scope="col">Version</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link to={`/coordinator/bank/items/${item.id}`}>{item.stem}</Link>
                </th>
                <td>{domainLabel(item.domain)}</td>
                <td>{ageBandLabels[item.ageBand]}</td>
                <td>
                  {statusLabels[item.status]}
                  {item.hasDraft && item.status !== 'draft' && ', with a draft'}
                  {item.markedForReview && '; marked for review'}
                </td>
                <td>{item.publishedVersion ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
