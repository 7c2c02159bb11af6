/** A picker of procedures in effect (searched by name or code), used by the decision and workflow editors. */
import { Select } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, qs } from '../../shared/api';
import type { ProcedureList } from '../../shared/types';

/** Picks a procedure in effect, by name (without diacritics) or code. */
export function ProcedurePicker({
  onPick,
  label,
}: {
  onPick: (code: string, name: string) => void;
  label: string;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const latest = useRef('');
  const search = useCallback(async (q: string) => {
    latest.current = q;
    const r = await api.get<ProcedureList>(`/api/v1/procedures${qs({ q, pageSize: 20 })}`);
    // Answers can arrive out of order: keep only the one for what is typed now.
    if (latest.current === q)
      setOptions(r.items.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` })));
  }, []);
  useEffect(() => {
    void search('');
  }, [search]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      aria-label={label}
      placeholder={label}
      style={{ width: 420 }}
      options={options}
      value={null}
      onChange={(code: string) =>
        onPick(code, options.find((o) => o.value === code)?.label.split(' — ')[1] ?? code)
      }
    />
  );
}
