import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  CHANNEL_LABELS_VI,
  formatProcessingTime,
  ONLINE_LEVEL_LABELS_VI,
} from '../../domain/catalogue/labels';
import { ApiError, api } from '../shared/api';
import type { ProcedureDetail, VersionDiff, Versions } from '../shared/types';
import { SubmitOnlineButton } from './submit/SubmitOnlineButton';

const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;
const date = (d: string) => d.split('-').reverse().join('/');

function History({ code, current }: { code: string; current: number }) {
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
    if (pair)
      void api
        .get<VersionDiff>(`/api/v1/procedures/${code}/compare?from=${pair[0]}&to=${pair[1]}`)
        .then(setDiff);
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

interface Explanation {
  dueAt: string;
  summary: string;
}

/** "If accepted now, the result is due …" with the reasons, from the legal working-time calendar. */
function DueIfAcceptedNow({ p }: { p: ProcedureDetail }) {
  const [e, setE] = useState<Explanation | null>(null);
  useEffect(() => {
    const now = new Date().toISOString();
    const { amount, unit } = p.processingTime;
    void api
      .get<Explanation>(
        `/api/v1/calendar/explain?acceptedAt=${encodeURIComponent(now)}&amount=${amount}&unit=${unit}`,
      )
      .then(setE)
      .catch(() => setE(null));
  }, [p]);
  if (!e) return null;
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginTop: 12 }}
      title={`Nếu hồ sơ được tiếp nhận ngay bây giờ, ngày hẹn trả kết quả là ${e.dueAt.slice(11, 16)} ngày ${e.dueAt
        .slice(0, 10)
        .split('-')
        .reverse()
        .join('/')}.`}
      description={e.summary}
    />
  );
}

/** Everything a citizen needs before coming: components, time, fees, where — printable. */
export function ProcedurePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setP(null);
    setError(null);
    api
      .get<ProcedureDetail>(`/api/v1/procedures/${code}`)
      .then(setP)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [code]);
  if (error) return <Alert type="warning" title={error} showIcon />;
  if (!p) return <Spin />;
  return (
    <div>
      <style>{'@media print { .no-print, header, footer { display: none !important; } }'}</style>
      <Space style={{ justifyContent: 'space-between', width: '100%', alignItems: 'start' }}>
        <Typography.Title level={3} style={{ marginTop: 4 }}>
          {p.name}
        </Typography.Title>
        <Button
          className="no-print"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          aria-label="In trang này"
        />
      </Space>
      {p.status === 'abolished' && (
        <Alert
          type="error"
          showIcon
          title={`Thủ tục này đã bị bãi bỏ từ ngày ${date(p.abolishedOn ?? '')}.`}
          style={{ marginBottom: 12 }}
        />
      )}
      {p.upcoming.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Thủ tục sẽ được sửa đổi từ ngày ${date(p.upcoming[0]!.effectiveFrom)}${
            p.upcoming[0]!.decision ? ` theo Quyết định ${p.upcoming[0]!.decision.number}` : ''
          }.`}
        />
      )}
      <Descriptions bordered column={1} size="small" styles={{ label: { width: 190 } }}>
        <Descriptions.Item label="Mã thủ tục">{p.code}</Descriptions.Item>
        <Descriptions.Item label={t('Lĩnh vực')}>{p.field.name}</Descriptions.Item>
        <Descriptions.Item label="Cơ quan thực hiện">{p.implementingAgency}</Descriptions.Item>
        {p.decidingAgency && (
          <Descriptions.Item label="Cơ quan quyết định">{p.decidingAgency}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('Thời hạn giải quyết')}>
          <strong>{p.processingTimeText}</strong>
          {p.processingTime.sameDayCutoff && (
            <div>
              Nhận hồ sơ đến {p.processingTime.sameDayCutoff} trả trong ngày; sau giờ đó trả vào ngày làm việc
              tiếp theo.
            </div>
          )}
          {p.channelTimes.map((ct) => (
            <div key={ct.channel}>
              {CHANNEL_LABELS_VI[ct.channel]}: <strong>{formatProcessingTime(ct)}</strong>
            </div>
          ))}
          {p.processingTime.text && <div style={{ color: '#666' }}>{p.processingTime.text}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('Phí, lệ phí')}>
          {p.fees.length === 0
            ? 'Không'
            : p.fees.map((f) => (
                <div key={f.name}>
                  {f.kind === 'phí' ? 'Phí' : 'Lệ phí'} {f.name}:{' '}
                  {f.amountVnd !== null ? vnd(f.amountVnd) : f.rule}
                  {f.exemptions && <div style={{ color: '#666' }}>Miễn, giảm: {f.exemptions}</div>}
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label="Cách thức thực hiện">
          {p.channels.map((c) => CHANNEL_LABELS_VI[c]).join('; ')}
        </Descriptions.Item>
        <Descriptions.Item label="Dịch vụ công trực tuyến">
          {ONLINE_LEVEL_LABELS_VI[p.onlineLevel]}
        </Descriptions.Item>
        {p.result && <Descriptions.Item label="Kết quả">{p.result}</Descriptions.Item>}
        {p.interconnected && (
          <Descriptions.Item label="Liên thông">{p.interconnected.description}</Descriptions.Item>
        )}
      </Descriptions>
      {p.status === 'active' && <DueIfAcceptedNow p={p} />}
      {p.status === 'active' && p.channels.includes('online') && <SubmitOnlineButton code={p.code} />}
      <Card title={t('Thành phần hồ sơ')} size="small" style={{ marginTop: 12 }}>
        {p.components.length === 0 ? (
          <Empty description="Không yêu cầu giấy tờ." />
        ) : (
          <List
            dataSource={p.components}
            renderItem={(c, i) => (
              <List.Item>
                <div>
                  <strong>{i + 1}.</strong> {c.name}{' '}
                  <Typography.Text type="secondary">
                    (
                    {[c.originals > 0 && `${c.originals} bản chính`, c.copies > 0 && `${c.copies} bản sao`]
                      .filter(Boolean)
                      .join(', ') || 'xuất trình'}
                    {c.required ? '' : ', không bắt buộc'})
                  </Typography.Text>
                  {c.condition && <div style={{ color: '#666' }}>Trường hợp: {c.condition}</div>}
                  {c.formTemplate && <div style={{ color: '#666' }}>Mẫu: {c.formTemplate}</div>}
                  {c.templateFileId && (
                    <a href={`/api/v1/files/${c.templateFileId}`} className="no-print">
                      <DownloadOutlined /> Tải mẫu đơn, tờ khai
                    </a>
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      {p.requirements.length > 0 && (
        <Card title="Yêu cầu, điều kiện" size="small" style={{ marginTop: 12 }}>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {p.requirements.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Card>
      )}
      {p.agencies.length > 0 && (
        <Card title={t('Cơ quan giải quyết')} size="small" style={{ marginTop: 12 }}>
          <List
            size="small"
            dataSource={p.agencies}
            renderItem={(a) => (
              <List.Item>
                {a.name}
                {a.committedTime && (
                  <Tag color="green" style={{ marginLeft: 8 }}>
                    Cam kết: {formatProcessingTime(a.committedTime)}
                  </Tag>
                )}
              </List.Item>
            )}
          />
        </Card>
      )}
      {p.legalBasis.length > 0 && (
        <Card title="Căn cứ pháp lý" size="small" style={{ marginTop: 12 }}>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {p.legalBasis.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Card>
      )}
      <History code={p.code} current={p.version.versionNo} />
    </div>
  );
}
