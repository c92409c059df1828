/**
 * The app's addresses: the router's patterns, the menu's entries and every link a page makes come
 * from here, so a feature links to another's page without importing that feature.
 */

/** The pages without parameters (the menu's entries, the redirects). */
export const PATHS = {
  home: '/',
  signIn: '/sign-in',
  assessment: '/assessment',
  results: '/results',
  progress: '/progress',
  review: '/review',
  feedback: '/feedback',
  publish: '/publish',
  imports: '/imports',
  frameworks: '/frameworks',
  units: '/units',
  public: '/public',
  users: '/users',
  userImport: '/users/import',
  profile: '/profile',
  changePassword: '/change-password',
} as const;

/** The router's patterns for the pages with parameters (the builders below fill them in). */
export const PATTERNS = {
  framework: `${PATHS.frameworks}/:frameworkId`,
  unitAssessment: '/rounds/:roundId/units/:unitCode/assessment',
  publicUnit: `${PATHS.public}/units/:code`,
  publicMethodology: `${PATHS.public}/methodology`,
} as const;

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A framework version's criteria tree. */
export function frameworkPath(frameworkId: number): string {
  return `${PATHS.frameworks}/${frameworkId}`;
}

/** Where a unit's assessment in a round is read (DIC) or, for the unit's own staff, edited. */
export function assessmentPath(roundId: number, unitCode: string): string {
  return `/rounds/${roundId}/units/${encodeURIComponent(unitCode)}/assessment`;
}

// The public pages (no account): every view is a link, with round, version and group in the query.

export function publicResultsPath(
  query: { round?: number; version?: number; group?: string } = {},
): string {
  return withQuery(PATHS.public, query);
}

export function publicUnitPath(code: string, round?: number): string {
  return withQuery(`${PATHS.public}/units/${encodeURIComponent(code)}`, { round });
}

export function publicMethodologyPath(round?: number): string {
  return withQuery(PATTERNS.publicMethodology, { round });
}
