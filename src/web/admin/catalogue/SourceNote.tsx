import { Alert, Typography } from 'antd';
import type { ProcedureDetail } from '../../shared/types';

type Source = NonNullable<ProcedureDetail['source']>;

const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

/**
 * Where the procedure's current text came from, for the administrator amending it: the national catalogue's page
 * and the publication it cites, or the province's decision; and the curators' notes (what the source showed, what
 * is still to be checked), which citizens never see.
 */
export function SourceNote({ source }: { source: Source }) {
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title="Nguồn của nội dung hiện hành"
      description={
        <>
          {source.decision ? <div>Công bố theo quyết định {source.decision}.</div> : null}
          {source.publication ? <div>Văn bản công bố: {source.publication}.</div> : null}
          {source.url ? (
            <div>
              <Typography.Link href={source.url} target="_blank" rel="noreferrer">
                Trang thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính
              </Typography.Link>
              {source.retrieved ? ` (lấy ngày ${dmy(source.retrieved)})` : null}
            </div>
          ) : null}
          {source.notes ? (
            <Typography.Paragraph
              style={{ marginTop: 8, marginBottom: 0 }}
              ellipsis={{ rows: 3, expandable: true, symbol: 'Xem hết' }}
            >
              <strong>Ghi chú biên tập (chỉ cán bộ quản trị thấy):</strong> {source.notes}
            </Typography.Paragraph>
          ) : null}
        </>
      }
    />
  );
}
