import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { RegisterRow } from '../../contract';
import { api, qs } from '../shared/api';
import { ScrollRegion } from '../shared/ScrollRegion';
import { PageTitle } from '../shared/ui';
import { when } from './DossiersPage';

type Row = RegisterRow;

/** The desk's register (Sổ theo dõi hồ sơ): every dossier received in a date range, with its dates. */
export function RegisterPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [rows, setRows] = useState<Row[] | null>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  useEffect(() => {
    setRows(null);
    void api
      .get<{ items: Row[] }>(`/api/v1/dossiers/register${qs({ from, to })}`)
      .then((r) => setRows(r.items));
  }, [from, to]);
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <PageTitle style={{ margin: 0 }}>Sổ theo dõi hồ sơ</PageTitle>
        <Space wrap>
          <DatePicker.RangePicker
            aria-label="Khoảng ngày tiếp nhận"
            format="DD/MM/YYYY"
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
          <a href={`/api/v1/dossiers/register.pdf${qs({ from, to })}`} target="_blank" rel="noreferrer">
            <Button icon={<PrinterOutlined />}>In sổ (PDF)</Button>
          </a>
          <a href={`/api/v1/dossiers/register.xlsx${qs({ from, to })}`}>
            <Button icon={<DownloadOutlined />}>Tải bảng tính (.xlsx)</Button>
          </a>
        </Space>
      </Space>
      <ScrollRegion label="Sổ theo dõi hồ sơ (cuộn ngang để xem các cột)">
        <Table<Row>
          rowKey="code"
          size="small"
          loading={!rows}
          dataSource={rows ?? []}
          scroll={{ x: 1400 }}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: 'STT', dataIndex: 'no', width: 50 },
            { title: 'Mã hồ sơ', dataIndex: 'code', width: 200 },
            { title: 'Thủ tục', dataIndex: 'procedureName', width: 260 },
            { title: 'Người nộp', dataIndex: 'applicantName', width: 160 },
            { title: 'Địa chỉ, điện thoại', dataIndex: 'addressAndPhone', width: 200 },
            { title: 'Cơ quan giải quyết', dataIndex: 'processingAgency', width: 200 },
            { title: 'Nhận hồ sơ', width: 120, render: (_, r) => when(r.receivedAt) },
            { title: 'Hẹn trả', width: 120, render: (_, r) => when(r.appointmentAt) },
            { title: 'Chuyển xử lý', width: 120, render: (_, r) => when(r.transferredAt) },
            { title: 'Nhận kết quả', width: 120, render: (_, r) => when(r.resultReceivedAt) },
            { title: 'Trả kết quả', width: 120, render: (_, r) => when(r.returnedAt) },
            { title: 'Ghi chú', dataIndex: 'note', width: 140 },
          ]}
        />
      </ScrollRegion>
    </div>
  );
}
