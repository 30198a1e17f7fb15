import { uuid } from 'drizzle-orm/pg-core';
import { associations } from './associations.js';

/**
 * The association a row belongs to. Every association-owned table carries it, and its row-level
 * security policy (written by hand into the table's migration) scopes reads and writes by it.
 */
export const owningAssociation = () =>
  uuid('association_id')
    .notNull()
    .references(() => associations.id);
