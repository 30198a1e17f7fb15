import { useState } from 'react';
import type { Association } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { LoadState, SelectField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { useSession } from '../auth';
import {
  createAssociation,
  listAssociations,
  getAssociation,
  saveAssociation,
} from './associations.api';
import { AssociationSettingsForm } from './AssociationSettingsForm';

/**
 * Association settings. An administrator picks any association to edit and can add one; a
 * coordinator edits the association they act for (the server refuses any other as not found).
 */
export function AssociationsPage() {
  const { state: session } = useSession();
  const user = session.status === 'signed-in' ? session.session.user : null;
  const isAdmin = user?.roles.includes('admin') ?? false;
  const ownId = user?.association?.id ?? null;
  const { state, reload } = useLoad(
    async (signal): Promise<Association[]> =>
      isAdmin ? listAssociations(signal) : ownId ? [await getAssociation(ownId, signal)] : [],
    [isAdmin, ownId],
  );
  const [chosen, setChosen] = useState<string | null>(null);

  const list = state.status === 'loaded' ? state.data : [];
  const editing = list.find((a) => a.id === chosen) ?? list.find((a) => a.id === ownId) ?? list[0];

  return (
    <Page title="Association settings">
      <LoadState state={state} what="associations" />
      {state.status === 'loaded' && list.length === 0 && <p>You do not act for an association.</p>}
      {isAdmin && list.length > 1 && (
        <SelectField
          label="Association"
          value={editing?.id ?? ''}
          onChange={setChosen}
          options={list.map((a) => ({ value: a.id, label: `${a.name} (${a.shortName})` }))}
        />
      )}
      {editing && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{editing.name}</h2>
          <AssociationSettingsForm
            key={editing.id}
            association={editing}
            submitLabel="Save settings"
            onSave={async (settings) => {
              const saved = await saveAssociation(editing.id, settings);
              reload();
              return saved;
            }}
          />
        </section>
      )}
      {isAdmin && (
        <section aria-labelledby="create-heading">
          <h2 id="create-heading">Add an association</h2>
          <AssociationSettingsForm
            submitLabel="Add association"
            onSave={async (settings) => {
              const created = await createAssociation(settings);
              reload();
              return created;
            }}
          />
        </section>
      )}
    </Page>
  );
}
