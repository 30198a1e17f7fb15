import type { FastifyRequest } from 'fastify';
import type { CurrentUser } from '@exam/shared/api';
import {
  associationScope,
  programmeScope,
  type AssociationScope,
  type Scope,
} from '../db/association-scope.js';
import { AppError } from './app-error.js';

/**
 * The signed-in user a route acts for. The auth plugin has already refused a route's anonymous
 * callers by its declared access, so this throwing means a route declared `public` and then
 * needed a user: refused as unauthenticated rather than run without an actor for the audit log.
 */
export function actorOf(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return request.user;
}

/**
 * Whose data the actor may reach: an administrator the whole programme, anyone else the one
 * association they act for. Someone who acts for no association (a grader, a psychometrician)
 * reaches no association-owned data through an association route.
 */
export function scopeOf(actor: Pick<CurrentUser, 'roles' | 'association'>): Scope {
  if (actor.roles.includes('admin')) return programmeScope;
  if (actor.association) return associationScope(actor.association.id);
  throw new AppError('FORBIDDEN', 'You do not act for an association.');
}

/**
 * The association new association-owned data belongs to (a sitting, an enrolled candidate):
 * the one the actor acts for, administrators included, who must choose one first.
 */
export function actingAssociationOf(actor: Pick<CurrentUser, 'association'>): AssociationScope {
  if (actor.association) return associationScope(actor.association.id);
  throw new AppError('FORBIDDEN', 'Choose the association you act for first.');
}

/**
 * Whose data a route open to the programme's own staff reaches: administrators and
 * psychometricians (key corrections, item analysis) the whole programme, a coordinator the
 * association they act for.
 */
export function programmeStaffScopeOf(actor: Pick<CurrentUser, 'roles' | 'association'>): Scope {
  if (actor.roles.includes('psychometrician')) return programmeScope;
  return scopeOf(actor);
}
