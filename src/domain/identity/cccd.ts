/**
 * The QR code on a chip-based citizen ID card (CCCD): UTF-8 fields separated by `|` —
 * `ID number (12 digits)|old ID (9 digits, may be empty)|full name|date of birth ddmmyyyy|sex|address|date of issue ddmmyyyy`
 * (domain.md "Citizen data and IDs"). Newer cards may add fields: the first seven are read, the rest kept.
 */
export interface CccdData {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  /** ISO date (YYYY-MM-DD). */
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  address: string;
  issuedOn: string;
  extra: string[];
}

export type CccdParse = { ok: true; value: CccdData } | { ok: false; message: string };

function isoDate(ddmmyyyy: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(ddmmyyyy.trim());
  if (!m) return null;
  const [, d, mo, y] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1) return null;
  return `${y}-${mo}-${d}`;
}

/** The century-and-sex digit (4th): 0/1 → 1900s male/female, 2/3 → 2000s, 4/5 → 2100s… */
function centuryAndSex(id: string): { century: number; sex: 'Nam' | 'Nữ' } {
  const g = Number(id[3]);
  return { century: 1900 + Math.floor(g / 2) * 100, sex: g % 2 === 0 ? 'Nam' : 'Nữ' };
}

/**
 * Whether a personal ID number (số định danh cá nhân) agrees with a date of birth: its 4th digit gives the century
 * (with the sex), its 5th and 6th the last two digits of the year of birth (Circular 59/2021/TT-BCA). Typed numbers
 * are checked as the QR path checks the card.
 */
export function idNumberAgrees(idNumber: string, dateOfBirth: string): boolean {
  if (!/^\d{12}$/.test(idNumber) || !/^\d{4}-/.test(dateOfBirth)) return true;
  const year = Number(dateOfBirth.slice(0, 4));
  const { century } = centuryAndSex(idNumber);
  return year >= century && year < century + 100 && idNumber.slice(4, 6) === dateOfBirth.slice(2, 4);
}

export function parseCccdQr(raw: string): CccdParse {
  const parts = raw
    .normalize('NFC')
    .replace(/[\r\n]+$/, '')
    .split('|');
  if (parts.length < 7) {
    return {
      ok: false,
      message: 'Chuỗi mã QR không đúng định dạng CCCD (cần ít nhất 7 trường ngăn cách bởi "|").',
    };
  }
  const [id = '', old = '', name = '', dob = '', sex = '', address = '', issued = '', ...extra] = parts.map(
    (p) => p.trim(),
  );
  if (!/^\d{12}$/.test(id))
    return { ok: false, message: 'Số định danh cá nhân trên CCCD phải gồm 12 chữ số.' };
  if (old && !/^\d{9}$/.test(old)) return { ok: false, message: 'Số CMND cũ trên CCCD phải gồm 9 chữ số.' };
  const dateOfBirth = isoDate(dob);
  const issuedOn = isoDate(issued);
  if (!dateOfBirth) return { ok: false, message: 'Ngày sinh trên mã QR không hợp lệ.' };
  if (!issuedOn) return { ok: false, message: 'Ngày cấp trên mã QR không hợp lệ.' };
  if (sex !== 'Nam' && sex !== 'Nữ')
    return { ok: false, message: 'Giới tính trên mã QR phải là "Nam" hoặc "Nữ".' };
  const cs = centuryAndSex(id);
  const year = Number(dateOfBirth.slice(0, 4));
  if (year < cs.century || year >= cs.century + 100 || cs.sex !== sex) {
    return {
      ok: false,
      message: 'Số định danh không khớp với năm sinh hoặc giới tính trên thẻ; hãy kiểm tra lại thẻ.',
    };
  }
  if (name.length < 2) return { ok: false, message: 'Họ và tên trên mã QR bị trống.' };
  return {
    ok: true,
    value: {
      idNumber: id,
      oldIdNumber: old || null,
      fullName: name,
      dateOfBirth,
      sex,
      address,
      issuedOn,
      extra,
    },
  };
}
