import { InboxOutlined } from '@ant-design/icons';
import { Button, Result, Upload } from 'antd';
import { Link } from 'react-router';
import type { Accepted } from './useReception';

const when = (iso: string) => `${iso.slice(11, 16)} ngày ${iso.slice(0, 10).split('-').reverse().join('/')}`;

/**
 * The dossier just made at the counter: its slip to print (receipt, supplement request or refusal) and, once
 * accepted, the scans of its components.
 */
export function ReceptionDone({ done, onNext }: { done: Accepted; onNext: () => void }) {
  const accepted = done.status.code === 2;
  const slip = accepted ? 'receipt' : done.status.code === 5 ? 'supplement-request' : 'refusal';
  return (
    <Result
      status={accepted ? 'success' : 'warning'}
      title={
        // The page's one h1, in the result's own type (as on the citizen's confirmation page).
        <h1 style={{ font: 'inherit', margin: 0 }}>
          {accepted
            ? `Đã tiếp nhận hồ sơ ${done.code}`
            : done.status.code === 5
              ? 'Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'
              : 'Đã lập phiếu từ chối tiếp nhận hồ sơ'}
        </h1>
      }
      subTitle={accepted && done.dueAt ? `Hẹn trả kết quả: ${when(done.dueAt)}` : 'Trao phiếu cho người nộp.'}
      extra={[
        <a
          key="print"
          href={`/api/v1/dossiers/${done.id}/forms/${slip}.pdf`}
          target="_blank"
          rel="noreferrer"
        >
          <Button type="primary">
            {accepted
              ? 'In giấy tiếp nhận và hẹn trả (Mẫu 01)'
              : slip === 'refusal'
                ? 'In phiếu từ chối (Mẫu 03)'
                : 'In phiếu yêu cầu bổ sung (Mẫu 02)'}
          </Button>
        </a>,
        <Link key="view" to={`/desk/ho-so/${done.id}`}>
          <Button>Xem hồ sơ</Button>
        </Link>,
        <Button key="next" onClick={onNext}>
          Tiếp nhận hồ sơ khác
        </Button>,
      ]}
    >
      {accepted && (
        <Upload.Dragger
          multiple
          accept="application/pdf,image/*"
          action={`/api/v1/dossiers/${done.id}/files?kind=component`}
          listType="picture"
          style={{ maxWidth: 640, margin: '0 auto' }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            Kéo thả bản quét thành phần hồ sơ vào đây (PDF, ảnh), hoặc bấm để chọn
          </p>
          <p className="ant-upload-hint">Có thể chọn nhiều tệp một lúc; xem lại trên trang hồ sơ.</p>
        </Upload.Dragger>
      )}
    </Result>
  );
}
