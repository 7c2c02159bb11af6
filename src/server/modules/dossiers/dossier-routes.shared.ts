/** What the dossier route groups share: their OpenAPI tag and the staff roles that work on dossiers. */
export const tags = ['Hồ sơ'];
export const STAFF = ['reception', 'specialist', 'leader', 'admin', 'postal'] as const;
