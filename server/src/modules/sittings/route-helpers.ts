/** The coordinator console's routes admit coordinators and admins. */
export const consoleAccess = { access: ['coordinator', 'admin'] } as const;

/** A file name that is safe in a Content-Disposition header. */
export function attachmentName(sittingName: string, kind: string): string {
  const slug = sittingName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'sitting'}-${kind}.csv`;
}
