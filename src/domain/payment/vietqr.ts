/**
 * VietQR (NAPAS 247 "QR chuyển nhanh", EMVCo merchant-presented QR): the text a banking app reads to
 * prefill a bank transfer — receiving bank (acquirer BIN), account number, amount in đồng and the
 * transfer content (nội dung chuyển khoản). Pure: builds and parses the payload string; drawing the
 * QR image is the caller's business.
 *
 * Layout (ID, two-digit length, value):
 *   00 "01" payload format · 01 "11" static / "12" with an amount · 38 merchant account information
 *   { 00 GUID A000000727 (NAPAS) · 01 { 00 acquirer BIN · 01 account number } · 02 service code QRIBFTTA
 *   (transfer to an account) } · 53 currency "704" · 54 amount · 58 country "VN" · 62 additional data
 *   { 08 purpose of transaction } · 63 CRC-16/CCITT-FALSE over everything before it, "6304" included.
 */

export const NAPAS_GUID = 'A000000727';
export const SERVICE_TRANSFER_TO_ACCOUNT = 'QRIBFTTA';
const CURRENCY_VND = '704';
const COUNTRY_VN = 'VN';

export interface VietQrInput {
  /** The receiving bank's 6-digit NAPAS BIN (mã BIN ngân hàng), e.g. 970415 for VietinBank. */
  bin: string;
  /** The receiving account number (up to 19 letters or digits). */
  accountNumber: string;
  /** Whole đồng; omitted for a static code where the payer types the amount. */
  amountVnd?: number | null;
  /** Transfer content (ASCII letters, digits, spaces; up to 25 characters after folding). */
  purpose?: string | null;
}

export class VietQrError extends Error {
  constructor(
    readonly code:
      | 'BIN_INVALID'
      | 'ACCOUNT_INVALID'
      | 'AMOUNT_INVALID'
      | 'PURPOSE_INVALID'
      | 'PAYLOAD_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'VietQrError';
  }
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) as 4 upper-case hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

function tlv(id: string, value: string): string {
  if (value.length > 99) throw new VietQrError('PAYLOAD_INVALID', `Trường ${id} dài quá 99 ký tự.`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/**
 * Folds Vietnamese text to what every bank keeps in a transfer's content: ASCII letters, digits and
 * spaces (diacritics removed, đ → d, other characters dropped, spaces collapsed).
 */
export function toTransferText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The VietQR payload for a transfer to an account (service QRIBFTTA). Throws VietQrError on bad input. */
export function buildVietQr(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bin)) {
    throw new VietQrError('BIN_INVALID', 'Mã BIN ngân hàng gồm đúng 6 chữ số (ví dụ 970415).');
  }
  if (!/^[A-Za-z0-9]{1,19}$/.test(input.accountNumber)) {
    throw new VietQrError('ACCOUNT_INVALID', 'Số tài khoản gồm 1–19 chữ cái không dấu hoặc chữ số.');
  }
  const amount = input.amountVnd ?? null;
  if (amount !== null && (!Number.isSafeInteger(amount) || amount <= 0 || String(amount).length > 13)) {
    throw new VietQrError('AMOUNT_INVALID', 'Số tiền phải là số nguyên đồng, lớn hơn 0 và tối đa 13 chữ số.');
  }
  const purpose = input.purpose ? toTransferText(input.purpose) : '';
  if (purpose.length > 25) {
    throw new VietQrError('PURPOSE_INVALID', 'Nội dung chuyển khoản tối đa 25 ký tự không dấu.');
  }
  const account = tlv('00', input.bin) + tlv('01', input.accountNumber);
  const merchant = tlv('00', NAPAS_GUID) + tlv('01', account) + tlv('02', SERVICE_TRANSFER_TO_ACCOUNT);
  let body =
    tlv('00', '01') +
    tlv('01', amount === null ? '11' : '12') +
    tlv('38', merchant) +
    tlv('53', CURRENCY_VND) +
    (amount === null ? '' : tlv('54', String(amount))) +
    tlv('58', COUNTRY_VN);
  if (purpose) body += tlv('62', tlv('08', purpose));
  body += '6304';
  return body + crc16(body);
}

/** One level of ID-length-value fields; throws on a malformed string. */
function readTlv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const id = text.slice(i, i + 2);
    const len = Number(text.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(text.slice(i + 2, i + 4)) || i + 4 + len > text.length) {
      throw new VietQrError('PAYLOAD_INVALID', 'Chuỗi VietQR sai cấu trúc.');
    }
    out.set(id, text.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

export interface ParsedVietQr {
  bin: string;
  accountNumber: string;
  service: string;
  amountVnd: number | null;
  purpose: string | null;
  dynamic: boolean;
}

/** Reads a VietQR payload back (checking its CRC and NAPAS GUID); throws VietQrError if it is not one. */
export function parseVietQr(payload: string): ParsedVietQr {
  if (payload.length < 8 || payload.slice(-8, -4) !== '6304') {
    throw new VietQrError('PAYLOAD_INVALID', 'Chuỗi VietQR thiếu mã kiểm tra CRC.');
  }
  if (crc16(payload.slice(0, -4)) !== payload.slice(-4).toUpperCase()) {
    throw new VietQrError('PAYLOAD_INVALID', 'Mã kiểm tra CRC của chuỗi VietQR không khớp.');
  }
  const root = readTlv(payload);
  const merchant = readTlv(root.get('38') ?? '');
  if (merchant.get('00') !== NAPAS_GUID) {
    throw new VietQrError('PAYLOAD_INVALID', 'Không phải mã VietQR (thiếu định danh NAPAS).');
  }
  const account = readTlv(merchant.get('01') ?? '');
  const extra = root.has('62') ? readTlv(root.get('62')!) : new Map<string, string>();
  const amount = root.get('54');
  return {
    bin: account.get('00') ?? '',
    accountNumber: account.get('01') ?? '',
    service: merchant.get('02') ?? '',
    amountVnd: amount === undefined ? null : Number(amount),
    purpose: extra.get('08') ?? null,
    dynamic: root.get('01') === '12',
  };
}
