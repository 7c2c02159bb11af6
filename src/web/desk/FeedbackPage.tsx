import {
  Alert,
  Button,
  Card,
  Empty,
  Input,
  List,
  Pagination,
  Segmented,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { FeedbackItem } from '../../contract';
import { ApiError, api, qs } from '../shared/api';
import { useAuth } from '../shared/auth';
import { PageTitle } from '../shared/ui';

const KIND: Record<FeedbackItem['kind'], string> = { complaint: 'Phản ánh', recommendation: 'Kiến nghị' };
const STATUS: Record<FeedbackItem['status'], { label: string; color: string }> = {
  new: { label: 'Chưa trả lời', color: 'orange' },
  answered: { label: 'Đã trả lời', color: 'blue' },
  published: { label: 'Đã công khai', color: 'green' },
};
const when = (iso: string | null) =>
  iso ? `${iso.slice(11, 16)} ${iso.slice(0, 10).split('-').reverse().join('/')}` : '';

function Item({
  f,
  canAnswer,
  onChange,
}: {
  f: FeedbackItem;
  canAnswer: boolean;
  onChange: (v: FeedbackItem) => void;
}) {
  const [answer, setAnswer] = useState(f.answer ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const post = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await api.post<FeedbackItem>(`/api/v1/feedback/${f.id}/${path}`, body));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" style={{ width: '100%' }} data-testid={`feedback-${f.code}`}>
      <Space wrap size={4}>
        <Tag color={f.kind === 'complaint' ? 'volcano' : 'geekblue'}>{KIND[f.kind]}</Tag>
        <Tag color={STATUS[f.status].color}>{STATUS[f.status].label}</Tag>
        <Typography.Text strong>{f.code}</Typography.Text>
        <Typography.Text type="secondary">{when(f.createdAt)}</Typography.Text>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 6 }}>
        {f.title}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
        {f.content}
      </Typography.Paragraph>
      <div style={{ fontSize: 12, color: '#555' }}>
        {f.authorName}
        {f.contact?.phone && ` · ${f.contact.phone}`}
        {f.contact?.email && ` · ${f.contact.email}`}
        {f.procedure && ` · Thủ tục: ${f.procedure.name}`}
        {f.dossierCode && ` · Hồ sơ: ${f.dossierCode}`}
        {` · ${f.agency.name}`}
      </div>
      {f.published ? (
        <Alert
          style={{ marginTop: 8 }}
          type="success"
          title={`Trả lời${f.answeredBy ? ` của ${f.answeredBy}` : ''} (${when(f.answeredAt)})`}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{f.answer}</span>}
        />
      ) : (
        canAnswer && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
            <Input.TextArea
              aria-label={`Trả lời ${f.code}`}
              rows={3}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              placeholder="Nội dung trả lời (người gửi được báo qua tin nhắn, thư điện tử)"
            />
            <Space wrap>
              <Button loading={busy} onClick={() => post('answer', { answer, publish: false })}>
                {f.answer ? 'Sửa câu trả lời' : 'Trả lời'}
              </Button>
              <Button type="primary" loading={busy} onClick={() => post('answer', { answer, publish: true })}>
                Trả lời và công khai
              </Button>
            </Space>
          </Space>
        )
      )}
      {canAnswer && f.answer && (
        <Space style={{ marginTop: 8 }}>
          <Switch
            checked={f.published}
            loading={busy}
            onChange={(v) => post('publish', { published: v })}
            aria-label="Công khai trên cổng dịch vụ công"
          />
          <span>Công khai trên cổng dịch vụ công</span>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Card>
  );
}

/** Phản ánh, kiến nghị sent to the agency: filter, answer (the sender is told), publish on the portal. */
export function FeedbackPage() {
  const { user } = useAuth();
  const canAnswer = !!user?.roles.some((r) => r === 'reception' || r === 'leader');
  const [status, setStatus] = useState<string>('new');
  const [kind, setKind] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: FeedbackItem[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api
      .get<{ items: FeedbackItem[]; total: number }>(
        `/api/v1/feedback${qs({ status: status === 'all' ? undefined : status, kind, q, page })}`,
      )
      .then(setData)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [status, kind, q, page]);
  useEffect(load, [load]);
  const replace = (v: FeedbackItem) =>
    setData((d) => (d ? { ...d, items: d.items.map((x) => (x.id === v.id ? v : x)) } : d));
  return (
    <div>
      <PageTitle>Phản ánh, kiến nghị</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(String(v));
            setPage(1);
          }}
          options={[
            { value: 'new', label: 'Chưa trả lời' },
            { value: 'answered', label: 'Đã trả lời' },
            { value: 'published', label: 'Đã công khai' },
            { value: 'all', label: 'Tất cả' },
          ]}
        />
        <Select
          allowClear
          placeholder="Loại"
          aria-label="Loại"
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={[
            { value: 'complaint', label: 'Phản ánh' },
            { value: 'recommendation', label: 'Kiến nghị' },
          ]}
        />
        <Input.Search
          allowClear
          placeholder="Mã, tiêu đề, nội dung, người gửi"
          aria-label="Tìm phản ánh, kiến nghị"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 280 }}
        />
      </Space>
      {error && <Alert type="warning" showIcon title={error} />}
      {data && data.total === 0 && <Empty description="Không có phản ánh, kiến nghị nào." />}
      {data && data.total > 0 && (
        <>
          <List
            dataSource={data.items}
            split={false}
            renderItem={(f) => (
              <List.Item style={{ padding: '6px 0' }}>
                <Item key={`${f.id}-${f.status}`} f={f} canAnswer={canAnswer} onChange={replace} />
              </List.Item>
            )}
          />
          <Pagination current={page} total={data.total} pageSize={20} onChange={setPage} size="small" />
        </>
      )}
    </div>
  );
}
