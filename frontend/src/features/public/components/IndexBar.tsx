import { useLanguage } from '@/i18n';

import { decimal, formatIndex } from '../format';

/** An index (0..1) as its number, with a bar beside it for the eye (the number is what is read). */
export function IndexBar({ value }: { value: string }) {
  const language = useLanguage();
  const width = Math.min(100, Math.max(0, decimal(value) * 100));
  return (
    <span className="index-bar">
      <span className="index-bar-value">{formatIndex(value, language)}</span>
      <span className="index-bar-track" aria-hidden>
        <span className="index-bar-fill" style={{ width: `${width}%` }} />
      </span>
    </span>
  );
}
