/**
 * The first sign-in tour of each role: a few steps over the frame every page shares (menu, round,
 * notifications, help) and the role's own first page. Targets are found in the page when the step
 * shows; a target not on screen (the menu folded away on a narrow screen) leaves the step centred.
 */
import type { Role } from '@/api/types';
import { PATHS } from '@/config/paths';

export interface TourStepSpec {
  /** Its text: `tour.steps.<key>Title` / `tour.steps.<key>`, or the role's (`tour.<role>.*`). */
  key: string;
  /** A CSS selector of what it points at (none: centred). */
  target?: string;
  /** The text is the role's own (`tour.roles.<role>.<key>`). */
  perRole?: boolean;
}

/** The menu entry (a link to `path`) of the role's first work page. */
const ROLE_PAGE: Record<Role, string> = {
  unit_editor: PATHS.assessment,
  unit_head: PATHS.assessment,
  provider: PATHS.imports,
  evaluator: PATHS.review,
  approver: PATHS.publish,
  admin: PATHS.users,
  viewer: PATHS.dashboard,
};

const navLink = (path: string) => `.app-sider a[href="${path}"]`;

/** The steps of `role`'s tour. */
export function tourSteps(role: Role): TourStepSpec[] {
  return [
    { key: 'welcome', perRole: true },
    { key: 'menu', target: '.app-sider nav' },
    // The admin's first page is in the «Quản trị» group, closed at first: point at the group.
    {
      key: 'main',
      target: role === 'admin' ? '.app-sider .ant-menu-submenu' : navLink(ROLE_PAGE[role]),
      perRole: true,
    },
    { key: 'round', target: '.round-selector' },
    { key: 'notifications', target: '[data-tour="notifications"]' },
    { key: 'help', target: '[data-tour="help"]' },
  ];
}

/** The element a step points at, if it is on screen now. */
export function stepTarget(selector: string | undefined): HTMLElement | null {
  if (!selector) return null;
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) return null;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 ? element : null;
}
