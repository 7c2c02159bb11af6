import { Alert, Button, Descriptions, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { DossierEventView, DossierView, MyDossier } from '../../../contract';
import { temporaryReference } from '../../../domain/dossier/code';
import { ApiError, api } from '../../shared/api';
import type { ProcedureDetail } from '../../shared/types';

/**
 * What this page reads of the submission's answer (a DossierView, from POST /drafts/{id}/submit); after a
 * reload, of the citizen's own view (GET /my/dossiers/{id}); signed out, the page shows what it knows.
 */
type Submitted = Pick<DossierView, 'id' | 'code' | 'status'> & {
  agency: Pick<DossierView['agency'], 'name'>;
  procedure: Pick<DossierView['procedure'], 'code' | 'name'>;
  events: Pick<DossierEventView, 'type' | 'at'>[];
};

const when = (iso: string) => `${iso.slice(11, 16)} ngày ${iso.slice(0, 10).split('-').reverse().join('/')}`;

/** After an online submission: what was sent, its reference, and when the result can be expected. */
export function SubmittedPage() {
  const { code = '', id = '' } = useParams();
  const location = useLocation();
  // The submission's answer comes with the navigation; after a reload, only what the account may read.
  const given = (location.state as { dossier?: Submitted } | null)?.dossier ?? null;
  const [d, setD] = useState<Submitted | null>(given);
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<ProcedureDetail>(`/api/v1/procedures/${code}`)
      .then(setP)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [code]);
  useEffect(() => {
    if (d) return;
    // After a reload: the citizen's own view of the dossier (the officers' view is not theirs to read).
    api
      .get<MyDossier>(`/api/v1/my/dossiers/${id}`)
      .then((m) =>
        setD({
          id: m.id,
          code: m.code,
          status: m.status,
          agency: { name: m.agencyName },
          procedure: m.procedure,
          events: [{ type: 'submitted', at: m.submittedAt }],
        }),
      )
      .catch(() =>
        setD({
          id,
          code: null,
          status: { code: 1, name: 'Mới đăng ký' },
          agency: { name: '' },
          procedure: { code, name: '' },
          events: [],
        }),
      );
  }, [d, id, code]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!d || !p) return <Spin />;
  const submittedAt = d.events.find((e) => e.type === 'submitted')?.at;
  const reference = temporaryReference(d.id);
  return (
    <Result
      status="success"
      title={<h1 style={{ font: 'inherit', margin: 0 }}>Đã nộp hồ sơ trực tuyến</h1>}
      subTitle={
        d.code ? (
          `Mã hồ sơ: ${d.code}`
        ) : (
          <>
            <div>
              Mã tạm: <strong>{reference}</strong>
            </div>
            <div>
              Tra cứu tại “Tra cứu hồ sơ” bằng mã tạm này và 4 số cuối số điện thoại đã khai; khi hồ sơ được
              tiếp nhận, mã hồ sơ chính thức thay cho mã tạm.
            </div>
          </>
        )
      }
      extra={[
        <Link key="home" to="/">
          <Button type="primary">Về trang chủ</Button>
        </Link>,
        <Link key="mine" to={`/ho-so-cua-toi/${d.id}`}>
          <Button>Theo dõi hồ sơ này</Button>
        </Link>,
        <Link key="track" to={`/tra-cuu/${d.code ?? reference}`}>
          <Button>Tra cứu hồ sơ</Button>
        </Link>,
        <Link key="proc" to={`/thu-tuc/${code}`}>
          <Button>Xem lại thủ tục</Button>
        </Link>,
      ]}
    >
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label="Thủ tục">{d.procedure.name || p.name}</Descriptions.Item>
        {d.agency.name ? <Descriptions.Item label="Nơi tiếp nhận">{d.agency.name}</Descriptions.Item> : null}
        {submittedAt ? (
          <Descriptions.Item label="Thời điểm nộp">{when(submittedAt)}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label="Trạng thái">
          {!d.code && d.status.code === 1 ? 'Đang chờ tiếp nhận' : d.status.name}
        </Descriptions.Item>
      </Descriptions>
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 12 }}
        title="Ngày hẹn trả kết quả"
        description={
          'Bộ phận một cửa kiểm tra hồ sơ trong ngày làm việc (nộp ngoài giờ làm việc thì trong ngày làm việc tiếp theo). ' +
          'Khi hồ sơ được tiếp nhận, bạn nhận mã hồ sơ chính thức và ngày hẹn trả kết quả qua tin nhắn hoặc thư điện tử; ' +
          `thời hạn giải quyết: ${p.processingTimeText.toLowerCase()}, tính từ khi tiếp nhận.`
        }
      />
    </Result>
  );
}
