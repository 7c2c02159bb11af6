/**
 * Dossier forms to PDF: `renderForm` renders any of them (the A5 slips are in `form-slips.ts`, the kinds, numbers
 * and titles in `form-kinds.ts`, re-exported here); the A4 landscape register (Sổ theo dõi hồ sơ) is built here.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { registerCells } from '../dossiers/register';
import { type FormInput, formNumber, formTitle, type RegisterData } from './form-kinds';
import { apology, controlSlip, receipt, refusal, stopNotice, supplementRequest } from './form-slips';
import { mm, nationalHeader, renderPdf, vnInstant } from './pdf';

export type {
  ApologyData,
  ControlSlipData,
  DossierFormBase,
  FormAgency,
  FormInput,
  FormKind,
  ReceiptData,
  RefusalData,
  Regime,
  RegisterData,
  StopNoticeData,
  SupplementData,
} from './form-kinds';
export { formNumber, formTitle } from './form-kinds';

function register(d: RegisterData): TDocumentDefinitions {
  const vn = (iso: string | null) =>
    iso ? vnInstant(iso).replace(' giờ ', ':').replace(' phút, ngày ', ' ') : '';
  const head = [
    'STT',
    'Mã hồ sơ',
    'Tên thủ tục hành chính',
    'Số lượng (bộ)',
    'Tên cá nhân, tổ chức',
    'Địa chỉ, số điện thoại',
    'Cơ quan chủ trì giải quyết',
    'Nhận hồ sơ',
    'Hẹn trả kết quả',
    'Chuyển hồ sơ đến cơ quan giải quyết',
    'Nhận kết quả từ cơ quan giải quyết',
    'Trả kết quả cho cá nhân, tổ chức',
    'Ghi chú (ký nhận)',
  ].map((t) => ({ text: t, bold: true, alignment: 'center' as const }));
  const number = formNumber('register', d.regime);
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [mm(20), mm(15), mm(15), mm(15)],
    defaultStyle: { fontSize: 8 },
    info: { title: 'Sổ theo dõi hồ sơ', creator: 'motcua', creationDate: new Date(d.printedAt) },
    content: [
      ...(number ? [{ text: number, italics: true, alignment: 'right' as const }] : []),
      nationalHeader(d.agency, mm(297) - mm(35)),
      {
        text: formTitle('register', d.regime),
        bold: true,
        fontSize: 14,
        alignment: 'center',
        margin: [0, 10, 0, 2],
      },
      {
        text: `Từ ngày ${d.from.split('-').reverse().join('/')} đến ngày ${d.to.split('-').reverse().join('/')}`,
        italics: true,
        alignment: 'center',
        margin: [0, 0, 0, 8],
      },
      {
        table: {
          headerRows: 1,
          widths: [18, 100, '*', 26, 60, 70, 60, 44, 44, 44, 44, 44, 40],
          body: [head, ...d.rows.map((r) => registerCells(r, vn).map(String))],
        },
      },
    ],
  };
}

/** Renders one form to PDF bytes (A5 slips, A4 landscape register), Vietnamese throughout. */
export async function renderForm(input: FormInput): Promise<Buffer> {
  switch (input.kind) {
    case 'receipt':
      return renderPdf(await receipt(input.data));
    case 'supplementRequest':
      return renderPdf(await supplementRequest(input.data));
    case 'refusal':
      return renderPdf(await refusal(input.data));
    case 'apology':
      return renderPdf(await apology(input.data));
    case 'stopNotice':
      return renderPdf(await stopNotice(input.data));
    case 'controlSlip':
      return renderPdf(await controlSlip(input.data));
    case 'register':
      return renderPdf(register(input.data));
  }
}
