import { Card, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../shared/api';
import type { VersionDiff, Versions } from '../shared/types';

const date = (d: string) => d.split('-').reverse().join('/');

/**
 * A procedure's versions and a comparison of two (time, fees, components): its own chunk, since its
 * tables and pickers are not needed to read the procedure on a phone.
 */
export function ProcedureHistory({ code, current }: { code: string; current: number }) {
  const [versions, setVersions] = useState<Versions['items']>([]);
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  useEffect(() => {
    void api.get<Versions>(`/api/v1/procedures/${code}/versions`).then((r) => {
      setVersions(r.items);
      if (r.items.length > 1) setPair([r.items[1]!.versionNo, r.items[0]!.versionNo]);
    });
  }, [code]);
  useEffect(() => {
    if (!pair) return;
    let latest = true; // a slower answer to an earlier choice must not replace this one
    void api
      .get<VersionDiff>(`/api/v1/procedures/${code}/compare?from=${pair[0]}&to=${pair[1]}`)
      .then((d) => {
        if (latest) setDiff(d);
      });
    return () => {
      latest = false;
    };
  }, [code, pair]);
  if (versions.length === 0) return null;
  const options = versions.map((v) => ({
    value: v.versionNo,
    label: `Phiên bản ${v.versionNo} (từ ${date(v.effectiveFrom)})`,
  }));
  return (
    <Card title="Lịch sử thay đổi" size="small" style={{ marginTop: 12 }} className="no-print">
      <List
        size="small"
        dataSource={versions}
        renderItem={(v) => (
          <List.Item>
            Phiên bản {v.versionNo}, áp dụng từ {date(v.effectiveFrom)}
            {v.decision ? ` — Quyết định ${v.decision.number} ngày ${date(v.decision.signedOn)}` : ''}
            {v.versionNo === current && <Tag style={{ marginLeft: 8 }}>đang áp dụng</Tag>}
          </List.Item>
        )}
      />
      {pair && (
        <>
          <Space wrap style={{ margin: '8px 0' }}>
            So sánh
            <Select
              aria-label="Phiên bản cũ"
              value={pair[0]}
              options={options}
              onChange={(v) => setPair([v, pair[1]])}
            />
            với
            <Select
              aria-label="Phiên bản mới"
              value={pair[1]}
              options={options}
              onChange={(v) => setPair([pair[0], v])}
            />
          </Space>
          {diff && diff.changes.length === 0 && (
            <Typography.Paragraph>Hai phiên bản giống nhau.</Typography.Paragraph>
          )}
          {diff && diff.changes.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey="field"
              dataSource={diff.changes}
              columns={[
                { title: 'Nội dung', dataIndex: 'label' },
                { title: 'Trước', dataIndex: 'before' },
                { title: 'Sau', dataIndex: 'after' },
              ]}
            />
          )}
          {diff && diff.components.length > 0 && (
            <List
              size="small"
              header="Thành phần hồ sơ thay đổi"
              dataSource={diff.components}
              renderItem={(c) => (
                <List.Item>
                  <Tag color={c.change === 'added' ? 'green' : c.change === 'removed' ? 'red' : 'gold'}>
                    {c.change === 'added' ? 'Thêm' : c.change === 'removed' ? 'Bỏ' : 'Sửa'}
                  </Tag>
                  {c.name}
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Card>
  );
}
