import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from 'react-router';

import { AppProviders } from '@/app/providers';
import { routes } from '@/app/router';
import { REFRESH_TOKEN_KEY, resetSessionForTests } from '@/api/session';

/** The whole app (providers, routes, guards) at `path`, in memory. */
export function renderApp(path = '/') {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router };
}

/** Start as if a signed-in tab was reloaded: a refresh token waits in sessionStorage. */
export function startSignedIn(refreshToken = 'refresh-0'): void {
  window.sessionStorage.setItem(REFRESH_TOKEN_KEY, refreshToken);
  resetSessionForTests();
}
