/**
 * The dossier forms' kinds and data: the form numbers and titles under each regime (Circular 01/2018,
 * Circular 03/2025) and what each form is filled with. Re-exported by `forms.ts`.
 */
import type { RegisterRow } from '../dossiers/register';

/** Forms by content; numbered per the dossier's regime when printed (forms.md). */
export type FormKind =
  | 'receipt'
  | 'supplementRequest'
  | 'refusal'
  | 'apology'
  | 'stopNotice'
  | 'controlSlip'
  | 'register';
export type Regime = '2018' | '2025';

const NUMBERS: Record<FormKind, Record<Regime, string | null>> = {
  receipt: { '2018': '01', '2025': '01' },
  supplementRequest: { '2018': '02', '2025': '02' },
  refusal: { '2018': '03', '2025': '03' },
  apology: { '2018': '04', '2025': '04' },
  stopNotice: { '2018': null, '2025': '05' },
  controlSlip: { '2018': '05', '2025': '06' },
  register: { '2018': '06', '2025': '07' },
};

/** "Mẫu số 06" under Circular 01/2018, "Mẫu số 07" under Circular 03/2025; null where the regime has no such form. */
export function formNumber(kind: FormKind, regime: Regime): string | null {
  const n = NUMBERS[kind][regime];
  return n ? `Mẫu số ${n}` : null;
}

export function formTitle(kind: FormKind, regime: Regime): string {
  switch (kind) {
    case 'receipt':
      return 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
    case 'supplementRequest':
      return 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';
    case 'refusal':
      return 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ';
    case 'apology':
      return regime === '2025'
        ? 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT'
        : 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';
    case 'stopNotice':
      return 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ';
    case 'controlSlip':
      return 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ';
    case 'register':
      return 'SỔ THEO DÕI HỒ SƠ';
  }
}

export interface FormAgency {
  name: string;
  superiorName: string | null;
  /** The commune or ward name for the place-and-date line. */
  place: string;
}

/** What every dossier form carries. */
export interface DossierFormBase {
  regime: Regime;
  agency: FormAgency;
  printedAt: string;
  code: string | null;
  trackingUrl: string | null;
  procedure: { code: string; name: string };
  applicant: { name: string; address: string; phone: string; email: string };
  officer: { name: string; phone: string | null };
}

export interface ReceiptData extends DossierFormBase {
  components: { name: string; originals: number; copies: number }[];
  sets: number;
  legalTimeText: string;
  receivedAt: string;
  appointmentAt: string;
  returnAt: string;
}
export interface SupplementData extends DossierFormBase {
  items: string[];
  reason: string;
}
export interface RefusalData extends DossierFormBase {
  reason: string;
}
export interface ApologyData extends DossierFormBase {
  receivedAt: string;
  appointmentAt: string;
  newAppointmentAt: string;
  reason: string;
  signer: string;
}
export interface StopNoticeData extends DossierFormBase {
  reason: string;
  signer: string;
}
export interface ControlSlipData extends DossierFormBase {
  receivedAt: string;
  appointmentAt: string;
  processingAgencies: string[];
  rows: { from: string; to: string; at: string; result: string; note: string }[];
}
export interface RegisterData {
  regime: Regime;
  agency: FormAgency;
  printedAt: string;
  from: string;
  to: string;
  rows: RegisterRow[];
}

export type FormInput =
  | { kind: 'receipt'; data: ReceiptData }
  | { kind: 'supplementRequest'; data: SupplementData }
  | { kind: 'refusal'; data: RefusalData }
  | { kind: 'apology'; data: ApologyData }
  | { kind: 'stopNotice'; data: StopNoticeData }
  | { kind: 'controlSlip'; data: ControlSlipData }
  | { kind: 'register'; data: RegisterData };
