import { Select } from 'antd';
import { useState } from 'react';

import { localized, useLanguage } from '@/i18n';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useUnitOptions } from '../api/admin';

interface UnitSelectProps {
  value?: string | null;
  onChange?: (code: string | null) => void;
  ariaLabel: string;
  allowClear?: boolean;
  /** Codes not offered (the unit itself, units already chosen). */
  exclude?: readonly string[];
  id?: string;
}

/** Choose one unit by typing part of its code or name (closed units too). */
export function UnitSelect({
  value,
  onChange,
  ariaLabel,
  allowClear,
  exclude = [],
  id,
}: UnitSelectProps) {
  const language = useLanguage();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const options = useUnitOptions(q);
  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      loading={options.isFetching}
      className="unit-select"
      options={(options.data?.items ?? [])
        .filter((unit) => !exclude.includes(unit.code))
        .map((unit) => ({
          value: unit.code,
          label: `${unit.code} – ${localized(language, unit.name_vi, unit.name_en)}`,
        }))}
    />
  );
}
