import { Button, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, qs } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import type { ProcedureList } from '../../shared/types';

/**
 * The procedure of the dossier: searched by name or code among the officer's agency's (narrowed to the queue
 * ticket's field, if any), or one of the desk's frequent procedures while none is chosen.
 */
export function ProcedurePicker({
  fieldCode,
  value,
  onChoose,
}: {
  fieldCode: string | undefined;
  value: string | undefined;
  onChoose: (code: string) => void;
}) {
  const { user } = useAuth();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const latest = useRef('');
  const search = useCallback(
    async (q: string) => {
      latest.current = q;
      const r = await api.get<ProcedureList>(
        `/api/v1/procedures${qs({ q, agency: user?.agency?.id, field: fieldCode, pageSize: 30 })}`,
      );
      if (latest.current === q)
        setOptions(r.items.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })));
    },
    [user?.agency?.id, fieldCode],
  );
  useEffect(() => {
    void search('');
  }, [search]);
  const [frequent, setFrequent] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    void api
      .get<{ code: string; name: string }[]>('/api/v1/dossiers/frequent-procedures')
      .then(setFrequent)
      .catch(() => setFrequent([]));
  }, []);

  return (
    <>
      <Select
        showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
        aria-label="Thủ tục hành chính"
        placeholder="Gõ tên hoặc mã thủ tục (không dấu cũng được)"
        style={{ width: '100%', maxWidth: 720, marginBottom: 16 }}
        size="large"
        options={options}
        value={value}
        onChange={onChoose}
      />
      {!value && frequent.length > 0 && (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">Thủ tục thường dùng: </Typography.Text>
          <Space wrap size={[8, 8]}>
            {frequent.map((f) => (
              <Button key={f.code} size="small" onClick={() => onChoose(f.code)}>
                {f.name}
              </Button>
            ))}
          </Space>
        </div>
      )}
    </>
  );
}
