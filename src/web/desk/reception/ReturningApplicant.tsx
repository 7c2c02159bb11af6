import { Alert, Checkbox } from 'antd';
import type { ApplicantLookup } from '../../../contract';
import { toggled } from './ComponentsChecklist';

/** A returning applicant: their earlier dossiers, and their digitised documents to reuse without scanning. */
export function ReturningApplicant({
  returning,
  reuse,
  onReuse,
}: {
  returning: ApplicantLookup;
  /** The documents chosen for reuse (file ids). */
  reuse: Set<string>;
  onReuse: (next: Set<string>) => void;
}) {
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={`Người nộp đã có ${returning.dossiers.length} hồ sơ tại cơ quan; thông tin đã được điền sẵn.`}
      description={
        <div>
          {returning.dossiers
            .slice(0, 3)
            .map((d) => `${d.code ?? 'chưa cấp mã'} — ${d.procedureName}`)
            .join('; ')}
          {returning.documents.length > 0 && (
            <div style={{ marginTop: 8 }}>
              Giấy tờ đã số hóa, dùng lại không cần quét:
              {returning.documents.map((doc) => (
                <div key={doc.fileId}>
                  <Checkbox
                    checked={reuse.has(doc.fileId)}
                    onChange={(e) => onReuse(toggled(reuse, doc.fileId, e.target.checked))}
                  >
                    {doc.name} ({doc.kind === 'result' ? 'kết quả' : 'thành phần'} của hồ sơ {doc.code ?? '—'}
                    )
                  </Checkbox>
                </div>
              ))}
            </div>
          )}
        </div>
      }
    />
  );
}
