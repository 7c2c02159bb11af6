import { Alert, Button, Card, Descriptions } from 'antd';
import { missingComponents, procedureCases } from '../../../domain/dossier/intake';
import { EformView, eformData } from '../../shared/eform';
import type { ProcedureDetail } from '../../shared/types';
import type { DraftFile } from './draft';
import { addressText, DELIVERY, isAddress, type Values } from './values';

/** Everything entered, as it will be sent. */
export function Review({
  p,
  v,
  caseLabel,
  files,
  onFix,
}: {
  p: ProcedureDetail;
  v: Values;
  /** The case (trường hợp) chosen, for a procedure with cases. */
  caseLabel: string | null;
  files: DraftFile[];
  onFix: () => void;
}) {
  const a = v.applicant ?? {};
  const cases = procedureCases(p);
  const noCase = cases.length > 0 && caseLabel === null;
  const missing = missingComponents(
    p,
    (name) => files.some((f) => f.component === name),
    'online',
    caseLabel,
  );
  const agency = p.agencies.find((x) => x.code === v.agencyCode);
  const method = DELIVERY.find((d) => d.value === v.delivery?.method);
  return (
    <>
      {noCase && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="Chưa chọn trường hợp"
          description={
            <>
              Giấy tờ của thủ tục này khác nhau theo từng trường hợp; hãy chọn trường hợp của bạn ở bước “Giấy
              tờ”.
              <div>
                <Button size="small" style={{ marginTop: 8 }} onClick={onFix}>
                  Chọn trường hợp
                </Button>
              </div>
            </>
          }
        />
      )}
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="Còn thiếu giấy tờ bắt buộc"
          description={
            <>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {missing.map((m) => (
                  <li key={m.name}>{m.name}</li>
                ))}
              </ul>
              <Button size="small" style={{ marginTop: 8 }} onClick={onFix}>
                Bổ sung giấy tờ
              </Button>
            </>
          }
        />
      )}
      <Descriptions bordered column={1} size="small" title="Người nộp và nơi nộp">
        <Descriptions.Item label="Cơ quan tiếp nhận">{agency?.name ?? '—'}</Descriptions.Item>
        {caseLabel && <Descriptions.Item label="Trường hợp">{caseLabel}</Descriptions.Item>}
        {v.onBehalf && <Descriptions.Item label="Nộp thay">Có (bạn là người hỗ trợ)</Descriptions.Item>}
        <Descriptions.Item label="Họ và tên">{a.fullName}</Descriptions.Item>
        {a.idNumber && <Descriptions.Item label="Số định danh">{a.idNumber}</Descriptions.Item>}
        {a.dateOfBirth && (
          <Descriptions.Item label="Ngày sinh">
            {a.dateOfBirth.split('-').reverse().join('/')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="Điện thoại">{a.phone}</Descriptions.Item>
        {isAddress(a.address) && (
          <Descriptions.Item label="Địa chỉ">{addressText(a.address)}</Descriptions.Item>
        )}
      </Descriptions>
      <div style={{ marginTop: 12 }}>
        <EformView fields={p.eform} data={eformData(p.eform, v.formData)} title="Tờ khai" />
      </div>
      <Card size="small" title="Giấy tờ đính kèm" style={{ marginTop: 12 }}>
        {files.length === 0
          ? 'Không có tệp.'
          : files.map((f) => (
              <div key={f.fileId}>
                {f.component}: {f.name}
              </div>
            ))}
      </Card>
      <Card size="small" title="Nhận kết quả" style={{ marginTop: 12 }}>
        {method?.label ?? '—'}
        {(v.delivery?.method === 'post' || v.delivery?.method === 'home') &&
          `: ${addressText(v.delivery.address)}`}
      </Card>
    </>
  );
}
