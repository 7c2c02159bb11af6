/** The administrator's page of the procedures an agency implements (thủ tục của cơ quan). */
import { App, Button, Checkbox, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { AdoptionList } from '../../../contract';
import { formatProcessingTime, type TimeUnit } from '../../../domain/catalogue/procedure';
import { ApiError, api } from '../../shared/api';
import type { Agency, AgencyList, ProcedureList, ProcedureSummary } from '../../shared/types';
import { PageTitle } from '../../shared/ui';

/** Which procedures an agency implements, with a shorter committed time where it promises one. */
export function AdoptionPage() {
  const { message } = App.useApp();
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [all, setAll] = useState<ProcedureSummary[]>([]);
  const [chosen, setChosen] = useState<Map<string, { amount: number; unit: TimeUnit } | null>>(new Map());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.get<AgencyList>('/api/v1/agencies').then((r) => setAgencies(r.items));
    void api.get<ProcedureList>('/api/v1/procedures?pageSize=100').then(async (first) => {
      const pages = Math.ceil(first.total / 100);
      const rest = await Promise.all(
        Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
          api.get<ProcedureList>(`/api/v1/procedures?pageSize=100&page=${i + 2}`),
        ),
      );
      setAll([first, ...rest].flatMap((p) => p.items));
    });
  }, []);
  useEffect(() => {
    if (!agencyId) return;
    void api
      .get<AdoptionList>(`/api/v1/agencies/${agencyId}/procedures`)
      .then((r) => setChosen(new Map(r.items.map((i) => [i.procedureCode, i.committedTime]))));
  }, [agencyId]);
  const agency = agencies.find((a) => a.id === agencyId);
  const rows = useMemo(
    () => all.filter((p) => !agency || p.level === agency.level || chosen.has(p.code)),
    [all, agency, chosen],
  );

  const save = async () => {
    if (!agencyId) return;
    setBusy(true);
    try {
      await api.put(`/api/v1/agencies/${agencyId}/procedures`, {
        items: [...chosen].map(([procedureCode, committedTime]) => ({ procedureCode, committedTime })),
      });
      message.success('Đã lưu danh sách thủ tục của cơ quan.');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageTitle>Thủ tục của cơ quan</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="Cơ quan"
          placeholder="Chọn cơ quan"
          style={{ width: 360 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
          onChange={setAgencyId}
        />
        <Button type="primary" onClick={save} loading={busy} disabled={!agencyId}>
          Lưu
        </Button>
        {agencyId && <Typography.Text type="secondary">{chosen.size} thủ tục đang thực hiện</Typography.Text>}
      </Space>
      {agencyId && (
        <Table
          rowKey="code"
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 50 }}
          columns={[
            {
              title: 'Thực hiện',
              width: 90,
              render: (_, p) => (
                <Checkbox
                  aria-label={`Thực hiện ${p.code}`}
                  checked={chosen.has(p.code)}
                  onChange={(e) => {
                    const next = new Map(chosen);
                    if (e.target.checked) next.set(p.code, null);
                    else next.delete(p.code);
                    setChosen(next);
                  }}
                />
              ),
            },
            { title: 'Mã', dataIndex: 'code', width: 100 },
            { title: 'Tên thủ tục', dataIndex: 'name' },
            {
              title: 'Thời hạn luật định',
              width: 150,
              render: (_, p) => formatProcessingTime(p.processingTime),
            },
            {
              title: 'Cam kết rút ngắn',
              width: 230,
              render: (_, p) =>
                chosen.has(p.code) && p.processingTime.unit !== 'calendar-days' ? (
                  <Space.Compact>
                    <InputNumber
                      aria-label={`Cam kết ${p.code}`}
                      min={0}
                      step={0.5}
                      value={chosen.get(p.code)?.amount ?? null}
                      placeholder="—"
                      onChange={(v) => {
                        const next = new Map(chosen);
                        next.set(
                          p.code,
                          v === null
                            ? null
                            : { amount: v, unit: chosen.get(p.code)?.unit ?? 'working-hours' },
                        );
                        setChosen(next);
                      }}
                      style={{ width: 90 }}
                    />
                    <Select
                      value={chosen.get(p.code)?.unit ?? 'working-hours'}
                      style={{ width: 130 }}
                      onChange={(u: TimeUnit) => {
                        const c = chosen.get(p.code);
                        if (!c) return;
                        const next = new Map(chosen);
                        next.set(p.code, { ...c, unit: u });
                        setChosen(next);
                      }}
                      options={[
                        { value: 'working-hours', label: 'giờ làm việc' },
                        { value: 'working-days', label: 'ngày làm việc' },
                      ]}
                    />
                  </Space.Compact>
                ) : null,
            },
          ]}
        />
      )}
    </div>
  );
}
