import { PlusOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Drawer, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { DecisionList } from '../../../contract';
import { ApiError, api } from '../../shared/api';
import type { Decision, FieldItem, FieldList } from '../../shared/types';
import { PageTitle } from '../../shared/ui';
import { ReadOnlyNotice, useMayChange } from '../permissions';
import { DecisionEditor } from './DecisionEditor';
import { ACTION } from './decisionItems';

// The procedure picker lives in its own file; importers of this page's module still find it here.
export { ProcedurePicker } from './ProcedurePicker';

/** Publication decisions (quyết định công bố): draft, review, publish (the province's administrators). */
export function DecisionsPage() {
  const { message } = App.useApp();
  const editable = useMayChange('procedures');
  const [list, setList] = useState<DecisionList['items']>([]);
  const [fields, setFields] = useState<FieldItem[]>([]);
  const [open, setOpen] = useState(false);
  const [viewing, setViewing] = useState<Decision | null>(null);
  const load = useCallback(async () => {
    setList((await api.get<DecisionList>('/api/v1/decisions')).items);
  }, []);
  useEffect(() => {
    void load();
    void api.get<FieldList>('/api/v1/fields').then((r) => setFields(r.items));
  }, [load]);
  const view = async (id: string) => setViewing(await api.get<Decision>(`/api/v1/decisions/${id}`));
  const publish = async (d: Decision) => {
    try {
      await api.post(`/api/v1/decisions/${d.id}/publish`);
      message.success(
        `Đã công bố quyết định ${d.number}; thay đổi áp dụng từ ${dayjs(d.effectiveOn).format('DD/MM/YYYY')}.`,
      );
      setViewing(null);
      await load();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const remove = async (d: Decision) => {
    await api.delete(`/api/v1/decisions/${d.id}`);
    setViewing(null);
    await load();
  };
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <PageTitle style={{ margin: 0 }}>Quyết định công bố thủ tục</PageTitle>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            Soạn quyết định
          </Button>
        )}
      </Space>
      {!editable && <ReadOnlyNotice data="procedures" />}
      <Table
        rowKey="id"
        dataSource={list}
        size="middle"
        onRow={(d) => ({ onClick: () => void view(d.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Số quyết định', dataIndex: 'number' },
          { title: 'Ngày ký', dataIndex: 'signedOn', render: (d: string) => dayjs(d).format('DD/MM/YYYY') },
          {
            title: 'Hiệu lực từ',
            dataIndex: 'effectiveOn',
            render: (d: string) => dayjs(d).format('DD/MM/YYYY'),
          },
          { title: 'Cơ quan ban hành', dataIndex: 'issuer' },
          { title: 'Số thủ tục', dataIndex: 'itemCount', width: 100 },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            render: (s: string) =>
              s === 'published' ? <Tag color="green">Đã công bố</Tag> : <Tag color="orange">Dự thảo</Tag>,
          },
        ]}
      />
      {editable && (
        <DecisionEditor
          open={open}
          fields={fields}
          onClose={(d) => {
            setOpen(false);
            void load();
            if (d) setViewing(d);
          }}
        />
      )}
      <Drawer
        open={viewing !== null}
        onClose={() => setViewing(null)}
        size={720}
        title={viewing ? `Quyết định ${viewing.number}` : ''}
        extra={
          editable &&
          viewing?.status === 'draft' && (
            <Space>
              <Popconfirm
                title="Xóa dự thảo này?"
                onConfirm={() => viewing && remove(viewing)}
                okText="Xóa"
                cancelText="Không"
              >
                <Button danger icon={<StopOutlined />}>
                  Xóa dự thảo
                </Button>
              </Popconfirm>
              <Popconfirm
                title="Công bố quyết định? Các thay đổi sẽ áp dụng từ ngày có hiệu lực."
                onConfirm={() => viewing && publish(viewing)}
                okText="Công bố"
                cancelText="Không"
              >
                <Button type="primary" icon={<SendOutlined />}>
                  Công bố
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        {viewing && (
          <>
            <Typography.Paragraph>
              {viewing.issuer}, ký ngày {dayjs(viewing.signedOn).format('DD/MM/YYYY')}, có hiệu lực từ{' '}
              {dayjs(viewing.effectiveOn).format('DD/MM/YYYY')}. {viewing.title}
            </Typography.Paragraph>
            <List
              dataSource={viewing.items}
              renderItem={(it) => (
                <List.Item>
                  <Tag color={ACTION[it.action].color}>{ACTION[it.action].label}</Tag>
                  {it.procedureCode} — {it.procedureName}
                  {it.content && (
                    <Typography.Text type="secondary">
                      {' '}
                      · {it.content.processingTime.amount}{' '}
                      {it.content.processingTime.unit === 'working-days'
                        ? 'ngày làm việc'
                        : it.content.processingTime.unit === 'working-hours'
                          ? 'giờ làm việc'
                          : 'ngày'}
                    </Typography.Text>
                  )}
                </List.Item>
              )}
            />
          </>
        )}
      </Drawer>
    </div>
  );
}
