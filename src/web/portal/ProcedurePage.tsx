import { Suspense, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { Explanation } from '../../contract';
import {
  CHANNEL_LABELS_VI,
  feeLabel,
  formatProcessingTime,
  ONLINE_LEVEL_LABELS_VI,
} from '../../domain/catalogue/labels';
import { ApiError, api } from '../shared/api';
import { Button, Chip, Fields, Icon, Notice, PageLoading, Spinner } from '../shared/lite';
import { Section } from '../shared/Section';
import type { ProcedureDetail } from '../shared/types';
import { withAntd } from '../shared/withAntd';
import { SubmitOnlineButton } from './submit/SubmitOnlineButton';

// Built without antd (the first visit's budget); the version history, on request, loads antd with itself.
const ProcedureHistory = withAntd(() => import('./ProcedureHistory'), 'ProcedureHistory');

const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;
const date = (d: string) => d.split('-').reverse().join('/');

/** "If accepted now, the result is due …" with the reasons, from the legal working-time calendar. */
function DueIfAcceptedNow({ p }: { p: ProcedureDetail }) {
  // undefined while asked, null if it could not be said: the space it takes is kept until then (a skeleton).
  const [e, setE] = useState<Explanation | null | undefined>(undefined);
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
  if (e === null) return null;
  if (e === undefined)
    return (
      <div className="lite-reserved-due">
        <div className="lite-skeleton" aria-hidden="true" />
      </div>
    );
  return (
    <div className="lite-reserved-due">
      <Notice
        type="success"
        title={`Nếu hồ sơ được tiếp nhận ngay bây giờ, ngày hẹn trả kết quả là ${e.dueAt.slice(11, 16)} ngày ${e.dueAt
          .slice(0, 10)
          .split('-')
          .reverse()
          .join('/')}.`}
        description={e.summary}
      />
    </div>
  );
}

/** Everything a citizen needs before coming: components, time, fees, where — printable. */
export function ProcedurePage() {
  const { code = '' } = useParams();
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Versions and their comparison load on request: not part of a phone's first visit.
  const [showHistory, setShowHistory] = useState(false);
  useEffect(() => {
    setP(null);
    setError(null);
    api
      .get<ProcedureDetail>(`/api/v1/procedures/${code}`)
      .then(setP)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [code]);
  if (error) return <Notice type="warning" title={error} />;
  if (!p) return <PageLoading />;
  return (
    <div>
      <style>{'@media print { .no-print, header, footer { display: none !important; } }'}</style>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'start' }}>
        <h1 style={{ marginTop: 4, fontSize: '1.5em', fontWeight: 600, lineHeight: 1.35 }}>{p.name}</h1>
        <Button
          className="no-print"
          icon={<Icon name="print" />}
          onClick={() => window.print()}
          aria-label="In trang này"
          style={{ marginTop: 8 }}
        />
      </div>
      {p.status === 'abolished' && (
        <Notice
          type="error"
          title={`Thủ tục này đã bị bãi bỏ từ ngày ${date(p.abolishedOn ?? '')}.`}
          style={{ marginBottom: 12 }}
        />
      )}
      {p.upcoming.length > 0 && (
        <Notice
          type="info"
          style={{ marginBottom: 12 }}
          title={`Thủ tục sẽ được sửa đổi từ ngày ${date(p.upcoming[0]!.effectiveFrom)}${
            p.upcoming[0]!.decision ? ` theo Quyết định ${p.upcoming[0]!.decision.number}` : ''
          }.`}
        />
      )}
      <Fields
        rows={[
          ['Mã thủ tục', p.code],
          ['Lĩnh vực', p.field.name],
          ['Cơ quan thực hiện', p.implementingAgency],
          ['Cơ quan quyết định', p.decidingAgency, p.decidingAgency],
          [
            'Thời hạn giải quyết',
            <>
              <strong>{p.processingTimeText}</strong>
              {p.processingTime.sameDayCutoff && (
                <div>
                  Nhận hồ sơ đến {p.processingTime.sameDayCutoff} trả trong ngày; sau giờ đó trả vào ngày làm
                  việc tiếp theo.
                </div>
              )}
              {p.channelTimes.map((ct) => (
                <div key={ct.channel}>
                  {CHANNEL_LABELS_VI[ct.channel]}: <strong>{formatProcessingTime(ct)}</strong>
                </div>
              ))}
              {p.processingTime.text && <div style={{ color: '#595959' }}>{p.processingTime.text}</div>}
            </>,
          ],
          [
            'Phí, lệ phí',
            p.fees.length === 0
              ? 'Không'
              : p.fees.map((f) => (
                  <div key={f.name}>
                    {feeLabel(f)}: {f.amountVnd !== null ? vnd(f.amountVnd) : f.rule}
                    {f.exemptions && <div style={{ color: '#595959' }}>Miễn, giảm: {f.exemptions}</div>}
                  </div>
                )),
          ],
          ['Cách thức thực hiện', p.channels.map((c) => CHANNEL_LABELS_VI[c]).join('; ')],
          ['Dịch vụ công trực tuyến', ONLINE_LEVEL_LABELS_VI[p.onlineLevel]],
          ['Kết quả', p.result, p.result],
          ['Liên thông', p.interconnected?.description, p.interconnected],
        ]}
      />
      {p.status === 'active' && <DueIfAcceptedNow p={p} />}
      {p.status === 'active' && p.channels.includes('online') && <SubmitOnlineButton code={p.code} />}
      <Section title="Thành phần hồ sơ">
        {p.components.length === 0 ? (
          <p style={{ margin: 0 }}>Không yêu cầu giấy tờ.</p>
        ) : (
          <ol style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
            {p.components.map((c, i) => (
              <li key={c.name} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <div>
                  <strong>{i + 1}.</strong> {c.name}{' '}
                  <span style={{ color: 'rgba(0, 0, 0, 0.66)' }}>
                    (
                    {[c.originals > 0 && `${c.originals} bản chính`, c.copies > 0 && `${c.copies} bản sao`]
                      .filter(Boolean)
                      .join(', ') || 'xuất trình'}
                    {c.required ? '' : ', không bắt buộc'})
                  </span>
                  {c.condition && <div style={{ color: '#666' }}>Trường hợp: {c.condition}</div>}
                  {c.formTemplate && <div style={{ color: '#666' }}>Mẫu: {c.formTemplate}</div>}
                  {c.templateFileId && (
                    <a href={`/api/v1/files/${c.templateFileId}`} className="no-print">
                      <Icon name="download" /> Tải mẫu đơn, tờ khai
                    </a>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </Section>
      {p.requirements.length > 0 && (
        <Section title="Yêu cầu, điều kiện">
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {p.requirements.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Section>
      )}
      {p.agencies.length > 0 && (
        <Section title="Cơ quan giải quyết">
          <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
            {p.agencies.map((a) => (
              <li key={a.name} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                {a.name}
                {a.committedTime && <Chip>Cam kết: {formatProcessingTime(a.committedTime)}</Chip>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {p.legalBasis.length > 0 && (
        <Section title="Căn cứ pháp lý">
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {p.legalBasis.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Section>
      )}
      {showHistory ? (
        <Suspense fallback={<Spinner />}>
          <ProcedureHistory code={p.code} current={p.version.versionNo} />
        </Suspense>
      ) : (
        <Button style={{ marginTop: 12 }} className="no-print" onClick={() => setShowHistory(true)}>
          Xem lịch sử thay đổi và so sánh các phiên bản
        </Button>
      )}
    </div>
  );
}
