/** The session an administrator's page loads (GET /api/auth/session/current), for fetch stubs. */
export const adminSession = {
  user: {
    id: '00000000-0000-4000-8000-0000000000a1',
    email: 'admin@demo.test',
    displayName: 'Ada Admin',
    roles: ['admin'],
    association: null,
    memberships: [],
    timeZone: 'UTC',
  },
  embeddedDatabase: false,
};
