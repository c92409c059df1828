/**
 * A bridge from code outside React (the query client's global error handler) to antd's
 * notification API, which needs the App context (theme, locale) and so is registered by a component.
 */
export interface Notice {
  title: string;
  description: string;
}

type Notifier = (notice: Notice) => void;

let notifier: Notifier | null = null;

export function registerNotifier(next: Notifier | null): void {
  notifier = next;
}

export function notifyError(notice: Notice): void {
  if (notifier) notifier(notice);
  else console.error(`${notice.title}: ${notice.description}`);
}
