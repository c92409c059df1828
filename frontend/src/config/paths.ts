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
  dashboard: '/dashboard',
  review: '/review',
  feedback: '/feedback',
  publish: '/publish',
  imports: '/imports',
  frameworks: '/frameworks',
  frameworkImport: '/frameworks/import',
  whatIf: '/what-if',
  proposals: '/proposals',
  units: '/units',
  public: '/public',
  // Administration (admin only); each screen belongs to its own feature.
  unitAdmin: '/unit-admin',
  roundSetup: '/round-setup',
  apiClients: '/api-clients',
  apiClientNew: '/api-clients/new',
  audit: '/audit',
  users: '/users',
  userImport: '/users/import',
  profile: '/profile',
  changePassword: '/change-password',
  // The help centre (everyone signed in), its printable guide, and the support contact (admin).
  help: '/help',
  helpPrint: '/help/print',
  helpContact: '/help-contact',
  operatorSettings: '/operator-settings',
} as const;

/** The router's patterns for the pages with parameters (the builders below fill them in). */
export const PATTERNS = {
  framework: `${PATHS.frameworks}/:frameworkId`,
  // The framework editor (admin): a new draft, a draft's editor, two versions side by side.
  frameworkNew: `${PATHS.frameworks}/new`,
  frameworkEdit: `${PATHS.frameworks}/:frameworkId/edit`,
  frameworkCompare: `${PATHS.frameworks}/compare`,
  unitAssessment: '/rounds/:roundId/units/:unitCode/assessment',
  // A score run's rankings (DIC): by group, with movement against another run and the last year.
  runResults: '/rounds/:roundId/score-runs/:runId',
  publicUnit: `${PATHS.public}/units/:code`,
  publicMethodology: `${PATHS.public}/methodology`,
  unit: `${PATHS.units}/:code`,
  roundCreate: `${PATHS.roundSetup}/new`,
  roundSettings: `${PATHS.roundSetup}/:roundId`,
  apiClient: `${PATHS.apiClients}/:clientId`,
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

/** A draft's editor. */
export function frameworkEditPath(frameworkId: number): string {
  return `${PATHS.frameworks}/${frameworkId}/edit`;
}

/** A new draft: blank, or cloned from `from`. */
export function frameworkNewPath(from?: number): string {
  return withQuery(PATTERNS.frameworkNew, { from });
}

/** Two framework versions side by side: what changed from `base` to `target`. */
export function frameworkComparePath(query: { base?: number; target?: number } = {}): string {
  return withQuery(PATTERNS.frameworkCompare, query);
}

/** Where a unit's assessment in a round is read (DIC) or, for the unit's own staff, edited. */
export function runResultsPath(
  roundId: number,
  runId: number,
  query: { against?: number; group?: string } = {},
): string {
  return withQuery(`/rounds/${roundId}/score-runs/${runId}`, query);
}

export function assessmentPath(roundId: number, unitCode: string): string {
  return `/rounds/${roundId}/units/${encodeURIComponent(unitCode)}/assessment`;
}

/** The what-if screen (DIC), optionally on a round and a framework version. */
export function whatIfPath(query: { round?: number; framework?: number } = {}): string {
  return withQuery(PATHS.whatIf, query);
}

/** The proposals page, opened on one proposal (its unit's list, or DIC's drawer). */
export function proposalPath(proposalId: number): string {
  return withQuery(PATHS.proposals, { id: proposalId });
}

/** A unit's page: its details and lineage. */
export function unitPath(code: string): string {
  return `${PATHS.units}/${encodeURIComponent(code)}`;
}

/** The unit administration's pages (admin): units, groups, mergers and splits, import. */
export const UNIT_ADMIN_PATHS = {
  units: PATHS.unitAdmin,
  groups: `${PATHS.unitAdmin}/groups`,
  reorganise: `${PATHS.unitAdmin}/reorganise`,
  import: `${PATHS.unitAdmin}/import`,
} as const;

/** An agency API client's form (admin). */
export function apiClientPath(clientId: string): string {
  return `${PATHS.apiClients}/${encodeURIComponent(clientId)}`;
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

/** The create-round wizard, and one round's settings (schedule, participants, extensions). */
export function roundCreatePath(): string {
  return PATTERNS.roundCreate;
}

export function roundSettingsPath(roundId: number): string {
  return `${PATHS.roundSetup}/${roundId}`;
}

/** The help centre at one section (its stable anchor). */
export function helpPath(anchor?: string): string {
  return anchor ? `${PATHS.help}#${anchor}` : PATHS.help;
}
