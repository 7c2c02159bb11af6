import { MessageOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Pagination,
  Radio,
  Result,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { FeedbackItem, FeedbackReceived } from '../../../contract';
import { foldVietnamese } from '../../../domain/catalogue/search';
import { ApiError, api, qs } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import type { Agency, ProcedureList } from '../../shared/types';
import { PageTitle } from '../../shared/ui';

const KIND: Record<FeedbackItem['kind'], string> = { complaint: 'Phản ánh', recommendation: 'Kiến nghị' };
const STATUS: Record<FeedbackItem['status'], { label: string; color: string }> = {
  new: { label: 'Đang xem xét', color: 'orange' },
  answered: { label: 'Đã trả lời', color: 'blue' },
  published: { label: 'Đã trả lời, công khai', color: 'green' },
};
const day = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');

function ItemCard({ f }: { f: FeedbackItem }) {
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Space wrap size={4}>
        <Tag color={f.kind === 'complaint' ? 'volcano' : 'geekblue'}>{KIND[f.kind]}</Tag>
        <Tag color={STATUS[f.status].color}>{STATUS[f.status].label}</Tag>
        <Typography.Text type="secondary">{f.code}</Typography.Text>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {f.title}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.content}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
        {f.authorName} · {day(f.createdAt)} · {f.agency.name}
        {f.procedure ? ` · ${f.procedure.name}` : ''}
      </Typography.Text>
      {f.answer && (
        <Alert
          style={{ marginTop: 8 }}
          type="success"
          title={`Trả lời của ${f.agency.name} (${day(f.answeredAt)})`}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{f.answer}</span>}
        />
      )}
    </Card>
  );
}

function PublicList() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: FeedbackItem[]; total: number } | null>(null);
  useEffect(() => {
    void api
      .get<{ items: FeedbackItem[]; total: number }>(`/api/v1/public/feedback${qs({ page })}`)
      .then(setData);
  }, [page]);
  if (!data) return null;
  if (data.total === 0) return <Empty description="Chưa có phản ánh, kiến nghị nào được công khai." />;
  return (
    <>
      <List
        dataSource={data.items}
        split={false}
        renderItem={(f) => (
          <List.Item style={{ padding: '6px 0' }}>
            <ItemCard f={f} />
          </List.Item>
        )}
      />
      <Pagination current={page} total={data.total} pageSize={10} onChange={setPage} size="small" />
    </>
  );
}

interface FormValues {
  kind: FeedbackItem['kind'];
  agencyCode?: string;
  procedureCode?: string;
  dossierCode?: string;
  authorName?: string;
  phone?: string;
  email?: string;
  title: string;
  content: string;
}

function SendForm() {
  const { user } = useAuth();
  const [form] = Form.useForm<FormValues>();
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [procs, setProcs] = useState<{ code: string; name: string }[]>([]);
  const [sent, setSent] = useState<FeedbackReceived | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dossierCode = Form.useWatch('dossierCode', form);
  useEffect(() => {
    void api
      .get<{ items: Agency[] }>('/api/v1/agencies')
      .then((r) => setAgencies(r.items.filter((a) => a.active)));
  }, []);
  const searchProcs = useCallback(
    (q: string) =>
      void api
        .get<ProcedureList>(`/api/v1/procedures${qs({ q, pageSize: 20 })}`)
        .then((r) => setProcs(r.items.map((p) => ({ code: p.code, name: p.name })))),
    [],
  );
  useEffect(() => searchProcs(''), [searchProcs]);

  if (sent) {
    return (
      <Result
        status="success"
        title="Đã gửi phản ánh, kiến nghị"
        subTitle={
          <span>
            Mã của ông/bà: <strong data-testid="feedback-code">{sent.code}</strong>. {sent.agency} sẽ trả lời
            qua số điện thoại hoặc thư điện tử đã để lại; dùng mã này để tra cứu.
          </span>
        }
        extra={
          <Button
            onClick={() => {
              setSent(null);
              form.resetFields();
            }}
          >
            Gửi phản ánh khác
          </Button>
        }
      />
    );
  }

  const submit = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
    try {
      setSent(await api.post<FeedbackReceived>('/api/v1/feedback', body));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'complaint' }}>
      <Form.Item name="kind" label="Loại">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'complaint', label: 'Phản ánh' },
            { value: 'recommendation', label: 'Kiến nghị' },
          ]}
        />
      </Form.Item>
      <Form.Item name="dossierCode" label="Mã hồ sơ (nếu phản ánh về một hồ sơ)">
        <Input placeholder="Ví dụ 000.01.30.H29-261120-0001" autoComplete="off" />
      </Form.Item>
      {!dossierCode && (
        <>
          <Form.Item
            name="agencyCode"
            label="Cơ quan nhận"
            rules={[{ required: true, message: 'Hãy chọn cơ quan nhận phản ánh, kiến nghị.' }]}
          >
            <Select
              showSearch={{
                filterOption: (input, o) =>
                  foldVietnamese(String(o?.label ?? '')).includes(foldVietnamese(input)),
              }}
              placeholder="Chọn cơ quan"
              options={agencies.map((a) => ({ value: a.code, label: a.name }))}
            />
          </Form.Item>
          <Form.Item
            name="procedureCode"
            label="Thủ tục hành chính"
            rules={[{ required: true, message: 'Hãy chọn thủ tục mà phản ánh, kiến nghị đề cập.' }]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: searchProcs }}
              placeholder="Gõ tên thủ tục để tìm"
              options={procs.map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
        </>
      )}
      {!user && (
        <>
          <Form.Item
            name="authorName"
            label="Họ và tên"
            rules={[{ required: true, min: 2, message: 'Hãy nhập họ và tên người gửi.' }]}
          >
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="Số điện thoại"
            rules={[
              { pattern: /^(\+84|0)\d{9,10}$/, message: 'Số điện thoại không hợp lệ (ví dụ 0912345678).' },
            ]}
          >
            <Input inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="email"
            label="Thư điện tử"
            rules={[{ type: 'email', message: 'Thư điện tử không hợp lệ.' }]}
            extra="Để lại số điện thoại hoặc thư điện tử để cơ quan trả lời."
          >
            <Input inputMode="email" autoComplete="email" />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="title"
        label="Tiêu đề"
        rules={[{ required: true, min: 5, max: 200, message: 'Tiêu đề cần 5–200 ký tự.' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="content"
        label="Nội dung"
        rules={[{ required: true, min: 10, message: 'Hãy trình bày nội dung (ít nhất 10 ký tự).' }]}
      >
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" size="large" block loading={busy} icon={<MessageOutlined />}>
        Gửi phản ánh, kiến nghị
      </Button>
    </Form>
  );
}

function Lookup() {
  const [item, setItem] = useState<FeedbackItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        size="large"
        placeholder="Mã phản ánh, ví dụ PAKN-261123-AB2CD"
        aria-label="Mã phản ánh, kiến nghị"
        enterButton={<SearchOutlined aria-label="Tra cứu" />}
        onSearch={(v) => {
          setError(null);
          setItem(null);
          if (v.trim())
            api
              .get<FeedbackItem>(`/api/v1/public/feedback/${encodeURIComponent(v.trim())}`)
              .then(setItem)
              .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
        }}
      />
      {error && <Alert type="warning" showIcon title={error} />}
      {item && <ItemCard f={item} />}
    </Space>
  );
}

/** Phản ánh, kiến nghị (Decree 20/2008/NĐ-CP): answered items made public, a form to send one, lookup by code. */
export function FeedbackPage() {
  return (
    <div>
      <PageTitle style={{ marginTop: 4 }}>Phản ánh, kiến nghị</PageTitle>
      <Typography.Paragraph type="secondary">
        Gửi phản ánh về khó khăn khi làm thủ tục, hoặc kiến nghị sửa đổi quy định hành chính. Cơ quan trả lời
        và công khai câu trả lời tại đây.
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'list', label: 'Đã trả lời', children: <PublicList /> },
          { key: 'send', label: 'Gửi phản ánh', children: <SendForm /> },
          { key: 'lookup', label: 'Tra cứu theo mã', children: <Lookup /> },
        ]}
      />
    </div>
  );
}
