import { Card, Empty, Input, List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ONLINE_LEVEL_LABELS_VI } from '../../domain/catalogue/labels';
import { api, qs } from '../shared/api';
import type { Agency, AgencyList, FieldItem, ProcedureList } from '../shared/types';
import { PageTitle } from '../shared/ui';

/** Find a procedure: by words without diacritics, by code, by field or agency. */
export function ProceduresPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? undefined;
  const agency = params.get('agency') ?? undefined;
  const page = Number(params.get('page') ?? '1');
  const [result, setResult] = useState<ProcedureList | null>(null);
  const [fields, setFields] = useState<FieldItem[]>([]);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [text, setText] = useState(q);

  useEffect(() => {
    void api
      .get<{ items: FieldItem[] }>('/api/v1/fields')
      .then((r) => setFields(r.items.filter((f) => f.procedureCount > 0)));
    void api.get<AgencyList>('/api/v1/agencies').then((r) => setAgencies(r.items));
  }, []);
  useEffect(() => {
    setText(q);
    setResult(null);
    // Only the answer to the latest search is shown: an earlier, slower answer (the whole list, before the
    // citizen's words) must not replace it when it arrives last.
    let latest = true;
    void api
      .get<ProcedureList>(`/api/v1/procedures${qs({ q, field, agency, page, pageSize: 20 })}`)
      .then((r) => {
        if (latest) setResult(r);
      });
    return () => {
      latest = false;
    };
  }, [q, field, agency, page]);

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };

  return (
    <div>
      <PageTitle style={{ marginTop: 4 }}>Tra cứu thủ tục</PageTitle>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search
          size="large"
          value={text}
          onChange={(e) => setText(e.target.value)}
          allowClear
          placeholder="Tên thủ tục (gõ có dấu hay không dấu đều được) hoặc mã thủ tục"
          aria-label="Tìm thủ tục hành chính"
          onSearch={(v) => set('q', v.trim() || undefined)}
        />
        <Space wrap style={{ width: '100%' }}>
          <Select
            allowClear
            placeholder="Lĩnh vực"
            aria-label="Lọc theo lĩnh vực"
            value={field}
            style={{ minWidth: 200 }}
            onChange={(v) => set('field', v)}
            options={fields.map((f) => ({ value: f.code, label: `${f.name} (${f.procedureCount})` }))}
          />
          <Select
            allowClear
            placeholder="Cơ quan giải quyết"
            aria-label="Lọc theo cơ quan"
            value={agency}
            style={{ minWidth: 240 }}
            onChange={(v) => set('agency', v)}
            showSearch={{ optionFilterProp: 'label' }}
            options={agencies.map((a) => ({ value: a.id, label: a.name }))}
          />
        </Space>
      </Space>
      {result && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} aria-live="polite">
          Tìm thấy {result.total} thủ tục
        </Typography.Paragraph>
      )}
      <List
        loading={result === null}
        dataSource={result?.items ?? []}
        locale={{ emptyText: <Empty description="Không tìm thấy thủ tục phù hợp." /> }}
        renderItem={(p) => (
          <List.Item style={{ padding: 0, border: 'none', display: 'block' }}>
            <Card size="small" style={{ marginBottom: 8 }}>
              <Link to={`/thu-tuc/${p.code}`} style={{ fontSize: '1.05em', fontWeight: 600 }}>
                {p.name}
              </Link>
              <div style={{ marginTop: 4 }}>
                <Space size={[4, 4]} wrap>
                  <Tag>{p.code}</Tag>
                  <Tag color="blue">{p.field.name}</Tag>
                  <Tag color="gold">{p.processingTimeText}</Tag>
                  {p.onlineLevel !== 'none' && (
                    <Tag color="green">{ONLINE_LEVEL_LABELS_VI[p.onlineLevel]}</Tag>
                  )}
                  <Tag>{p.hasFees ? 'Có phí, lệ phí' : 'Không mất phí'}</Tag>
                </Space>
              </div>
            </Card>
          </List.Item>
        )}
      />
      {result && result.total > result.pageSize && (
        <Pagination
          current={page}
          pageSize={result.pageSize}
          total={result.total}
          showSizeChanger={false}
          onChange={(p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next);
          }}
        />
      )}
    </div>
  );
}
