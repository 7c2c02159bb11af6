import { CheckCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, qs } from '../shared/api';
import { useAuth } from '../shared/auth';
import type { ProcedureDetail, ProcedureList } from '../shared/types';

interface Accepted {
  id: string;
  code: string;
  dueAt: string;
}

const when = (iso: string) => `${iso.slice(11, 16)} ngày ${iso.slice(0, 10).split('-').reverse().join('/')}`;

/** Counter reception (tiếp nhận trực tiếp): pick the procedure, tick the components, enter the applicant, accept. */
export function ReceptionPage() {
  const { user } = useAuth();
  const [form] = Form.useForm();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [received, setReceived] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Accepted | null>(null);
  const key = useRef(crypto.randomUUID());
  const latest = useRef('');

  const search = useCallback(
    async (q: string) => {
      latest.current = q;
      const r = await api.get<ProcedureList>(
        `/api/v1/procedures${qs({ q, agency: user?.agency?.id, pageSize: 30 })}`,
      );
      if (latest.current === q)
        setOptions(r.items.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })));
    },
    [user?.agency?.id],
  );
  useEffect(() => {
    void search('');
  }, [search]);

  const choose = async (code: string) => {
    setProcedure(await api.get<ProcedureDetail>(`/api/v1/procedures/${code}`));
    setReceived(new Set());
    setError(null);
  };

  const accept = async (v: {
    fullName: string;
    idNumber?: string;
    dateOfBirth?: { format(f: string): string };
    phone?: string;
    address?: string;
  }) => {
    if (!procedure) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Accepted>(
        '/api/v1/dossiers',
        {
          procedureCode: procedure.code,
          applicant: {
            kind: 'citizen',
            fullName: v.fullName,
            ...(v.idNumber ? { idNumber: v.idNumber } : {}),
            ...(v.dateOfBirth ? { dateOfBirth: v.dateOfBirth.format('YYYY-MM-DD') } : {}),
            ...(v.phone ? { phone: v.phone } : {}),
            address: v.address ?? '',
          },
          components: procedure.components.map((c) => ({ name: c.name, received: received.has(c.name) })),
        },
        { 'idempotency-key': key.current },
      );
      setDone(r);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setDone(null);
    setProcedure(null);
    setReceived(new Set());
    form.resetFields();
    key.current = crypto.randomUUID();
  };

  if (done) {
    return (
      <Result
        status="success"
        title={`Đã tiếp nhận hồ sơ ${done.code}`}
        subTitle={`Hẹn trả kết quả: ${when(done.dueAt)}`}
        extra={[
          <Link key="view" to={`/desk/ho-so/${done.id}`}>
            <Button type="primary">Xem hồ sơ</Button>
          </Link>,
          <Button key="next" onClick={reset}>
            Tiếp nhận hồ sơ khác
          </Button>,
        ]}
      />
    );
  }

  return (
    <div>
      <Typography.Title level={3}>Tiếp nhận hồ sơ</Typography.Title>
      <Select
        showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
        aria-label="Thủ tục hành chính"
        placeholder="Gõ tên hoặc mã thủ tục (không dấu cũng được)"
        style={{ width: '100%', maxWidth: 720, marginBottom: 16 }}
        size="large"
        options={options}
        value={procedure?.code}
        onChange={(c: string) => void choose(c)}
      />
      {procedure && (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title="Thành phần hồ sơ"
              extra={<Tag color="gold">Thời hạn: {procedure.processingTimeText}</Tag>}
              style={{ marginBottom: 16 }}
            >
              {procedure.components.map((c) => (
                <div key={c.name} style={{ marginBottom: 8 }}>
                  <Checkbox
                    checked={received.has(c.name)}
                    onChange={(e) => {
                      const next = new Set(received);
                      if (e.target.checked) next.add(c.name);
                      else next.delete(c.name);
                      setReceived(next);
                    }}
                  >
                    {c.name}{' '}
                    <Typography.Text type="secondary">
                      ({c.originals} bản chính, {c.copies} bản sao
                      {c.required && !c.condition
                        ? ', bắt buộc'
                        : c.condition
                          ? `, trường hợp: ${c.condition}`
                          : ''}
                      )
                    </Typography.Text>
                  </Checkbox>
                </div>
              ))}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="Người nộp hồ sơ">
              <Form form={form} layout="vertical" onFinish={accept} requiredMark="optional">
                <Form.Item
                  name="fullName"
                  label="Họ và tên"
                  rules={[{ required: true, message: 'Hãy nhập họ và tên.' }]}
                >
                  <Input />
                </Form.Item>
                <Space wrap>
                  <Form.Item
                    name="idNumber"
                    label="Số định danh cá nhân"
                    rules={[{ pattern: /^\d{12}$/, message: 'Gồm đúng 12 chữ số.' }]}
                  >
                    <Input style={{ width: 200 }} inputMode="numeric" />
                  </Form.Item>
                  <Form.Item name="dateOfBirth" label="Ngày sinh">
                    <DatePicker format="DD/MM/YYYY" />
                  </Form.Item>
                  <Form.Item
                    name="phone"
                    label="Điện thoại"
                    rules={[{ pattern: /^(\+84|0)\d{9,10}$/, message: 'Số điện thoại không hợp lệ.' }]}
                  >
                    <Input style={{ width: 160 }} inputMode="tel" />
                  </Form.Item>
                </Space>
                <Form.Item name="address" label="Địa chỉ">
                  <Input />
                </Form.Item>
                {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={busy}
                  icon={<CheckCircleOutlined />}
                  size="large"
                >
                  Tiếp nhận hồ sơ
                </Button>
              </Form>
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
