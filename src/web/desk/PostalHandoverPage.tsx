import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { PostalGroup, PostalHandover, PostalRow } from '../../contract';
import { api, qs } from '../shared/api';
import { PageTitle } from '../shared/ui';
import { when } from './DossiersPage';

/**
 * Results handed to the public postal service on a day, per postal worker, and the printed hand-over
 * record (biên bản giao nhận) both sides sign (Decision 45/2016/QĐ-TTg Art. 9–10).
 */
export function PostalHandoverPage() {
  // No date until the server answers: "today" is the office's day by the server's clock, not the browser's.
  const [date, setDate] = useState<Dayjs | null>(null);
  const [groups, setGroups] = useState<PostalGroup[] | null>(null);
  const day = date?.format('YYYY-MM-DD');
  useEffect(() => {
    setGroups(null);
    let latest = true; // a slower answer to an earlier choice must not replace this one
    void api.get<PostalHandover>(`/api/v1/dossiers/postal-handover${qs({ date: day })}`).then((r) => {
      if (!latest) return;
      setGroups(r.groups);
      if (!day) setDate(dayjs(r.date));
    });
    return () => {
      latest = false;
    };
  }, [day]);
  const total = groups?.reduce((n, g) => n + g.rows.length, 0) ?? 0;
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <PageTitle style={{ margin: 0 }}>Giao kết quả qua bưu chính</PageTitle>
        <Space wrap>
          <DatePicker
            aria-label="Ngày giao"
            format="DD/MM/YYYY"
            value={date}
            allowClear={false}
            onChange={(v) => v && setDate(v)}
          />
          <Button
            icon={<PrinterOutlined />}
            href={`/api/v1/dossiers/postal-handover.pdf${qs({ date: day })}`}
            target="_blank"
            disabled={total === 0}
          >
            In biên bản giao nhận (PDF)
          </Button>
        </Space>
      </Space>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="Khi trả kết quả qua bưu chính trên trang hồ sơ, ghi số hiệu bưu gửi, địa chỉ phát và họ tên nhân viên bưu chính. Cuối buổi, in biên bản giao nhận để hai bên cùng ký, mỗi bên giữ một bản."
      />
      {groups && groups.length === 0 && (
        <Empty
          description={`Ngày ${date?.format('DD/MM/YYYY') ?? ''} chưa có kết quả nào giao cho bưu chính.`}
        />
      )}
      {groups?.map((g) => (
        <Card
          key={g.courier}
          size="small"
          style={{ marginBottom: 12 }}
          title={`Nhân viên bưu chính: ${g.courier}`}
          extra={`${g.rows.length} kết quả · người giao: ${g.officer}`}
        >
          <Table<PostalRow>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={g.rows}
            columns={[
              { title: 'Mã hồ sơ', dataIndex: 'code', width: 210 },
              { title: 'Thủ tục', dataIndex: 'procedure' },
              { title: 'Người nhận', render: (_, r) => [r.applicant, r.phone].filter(Boolean).join(' · ') },
              { title: 'Địa chỉ phát', dataIndex: 'address' },
              { title: 'Số hiệu bưu gửi', dataIndex: 'trackingCode', width: 150 },
              { title: 'Lúc giao', width: 130, render: (_, r) => when(r.at) },
            ]}
          />
        </Card>
      ))}
    </div>
  );
}
