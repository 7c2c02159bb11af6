import { z } from 'zod';
import {
  type Channel,
  type ChannelTime,
  type Component,
  type Fee,
  FieldCode,
  type OnlineLevel,
  ProcedureCode,
  ProcedureContent,
  type ProcedureLevel,
  type TimeUnit,
} from './procedure';

/**
 * The catalogue spreadsheet layout (import and export), close to the national database's export:
 * one row a procedure; cells with several entries hold one entry a line, parts separated by "|".
 * docs/catalogue-spreadsheet.md documents it for administrators.
 */
export const PROCEDURE_COLUMNS = [
  { key: 'code', header: 'Mã thủ tục', width: 12 },
  { key: 'name', header: 'Tên thủ tục', width: 50 },
  { key: 'fieldCode', header: 'Mã lĩnh vực', width: 12 },
  { key: 'level', header: 'Cấp thực hiện', width: 12 },
  { key: 'implementingAgency', header: 'Cơ quan thực hiện', width: 30 },
  { key: 'decidingAgency', header: 'Cơ quan có thẩm quyền quyết định', width: 30 },
  { key: 'timeAmount', header: 'Thời hạn giải quyết', width: 10 },
  { key: 'timeUnit', header: 'Đơn vị thời hạn', width: 16 },
  { key: 'timeText', header: 'Mô tả thời hạn', width: 40 },
  { key: 'fees', header: 'Phí, lệ phí', width: 40 },
  { key: 'components', header: 'Thành phần hồ sơ', width: 60 },
  { key: 'requirements', header: 'Yêu cầu, điều kiện', width: 40 },
  { key: 'result', header: 'Kết quả thực hiện', width: 30 },
  { key: 'legalBasis', header: 'Căn cứ pháp lý', width: 40 },
  { key: 'channels', header: 'Cách thức thực hiện', width: 24 },
  { key: 'onlineLevel', header: 'Mức độ dịch vụ công trực tuyến', width: 16 },
  { key: 'interconnected', header: 'Liên thông', width: 30 },
  // Optional, last (older sheets without them still import): "Trực tuyến|25|Ngày làm việc", one a line.
  { key: 'channelTimes', header: 'Thời hạn riêng theo cách thức', width: 30, optional: true },
  { key: 'sameDayCutoff', header: 'Giờ chốt trong ngày', width: 10, optional: true },
] as const;
export type ProcedureColumn = (typeof PROCEDURE_COLUMNS)[number]['key'];
export type ProcedureRow = Record<ProcedureColumn, string>;
/** Whether a sheet may lack the column (added after the first layout). */
export const isOptionalColumn = (c: (typeof PROCEDURE_COLUMNS)[number]): boolean => 'optional' in c;

export const FIELD_COLUMNS = [
  { key: 'code', header: 'Mã lĩnh vực', width: 14 },
  { key: 'name', header: 'Tên lĩnh vực', width: 40 },
  { key: 'sector', header: 'Ngành', width: 24 },
] as const;

const LEVELS: Record<string, ProcedureLevel> = {
  'cấp tỉnh': 'province',
  tỉnh: 'province',
  'cấp huyện': 'district',
  huyện: 'district',
  'cấp xã': 'commune',
  xã: 'commune',
};
const LEVEL_TEXT: Record<ProcedureLevel, string> = {
  province: 'Cấp tỉnh',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
};
const UNITS: Record<string, TimeUnit> = {
  'ngày làm việc': 'working-days',
  'giờ làm việc': 'working-hours',
  ngày: 'calendar-days',
  'ngày (theo lịch)': 'calendar-days',
};
const UNIT_TEXT: Record<TimeUnit, string> = {
  'working-days': 'Ngày làm việc',
  'working-hours': 'Giờ làm việc',
  'calendar-days': 'Ngày',
};
const CHANNELS: Record<string, Channel> = {
  'trực tiếp': 'counter',
  'trực tuyến': 'online',
  'bưu chính': 'postal',
  'qua dịch vụ bưu chính công ích': 'postal',
};
const CHANNEL_TEXT: Record<Channel, string> = {
  counter: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Bưu chính',
};
const ONLINE: Record<string, OnlineLevel> = {
  'toàn trình': 'full',
  'một phần': 'partial',
  không: 'none',
  '': 'none',
};
const ONLINE_TEXT: Record<OnlineLevel, string> = { full: 'Toàn trình', partial: 'Một phần', none: 'Không' };

const lines = (cell: string) =>
  cell
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
const norm = (s: string) => s.trim().toLowerCase().normalize('NFC');

export interface RowProblem {
  row: number; // spreadsheet row number (header is row 1)
  column: string; // header text
  reason: string;
}

export type RowResult =
  | { ok: true; code: string; content: ProcedureContent }
  | { ok: false; problems: RowProblem[] };

const header = (k: ProcedureColumn) => PROCEDURE_COLUMNS.find((c) => c.key === k)!.header;

/** Reads one spreadsheet row into a procedure, or reports every problem with its column. */
export function parseProcedureRow(row: ProcedureRow, rowNo: number): RowResult {
  const problems: RowProblem[] = [];
  const bad = (k: ProcedureColumn, reason: string) =>
    problems.push({ row: rowNo, column: header(k), reason });

  const code = ProcedureCode.safeParse(row.code);
  if (!code.success) bad('code', code.error.issues[0]?.message ?? 'Mã thủ tục không hợp lệ.');
  if (!row.name.trim()) bad('name', 'Thiếu tên thủ tục.');
  const field = FieldCode.safeParse(row.fieldCode);
  if (!field.success) bad('fieldCode', 'Thiếu hoặc sai mã lĩnh vực.');
  const level = LEVELS[norm(row.level)];
  if (!level) bad('level', `"${row.level}" không phải cấp thực hiện; dùng Cấp tỉnh, Cấp huyện hoặc Cấp xã.`);
  const amount = Number(row.timeAmount.replace(',', '.'));
  if (row.timeAmount.trim() === '' || !Number.isFinite(amount) || amount < 0) {
    bad('timeAmount', 'Thời hạn phải là một số không âm (0 nghĩa là trong ngày).');
  }
  const unit = UNITS[norm(row.timeUnit)];
  if (!unit)
    bad('timeUnit', `"${row.timeUnit}" không phải đơn vị; dùng Ngày làm việc, Giờ làm việc hoặc Ngày.`);

  const channelTimes: ChannelTime[] = [];
  lines(row.channelTimes ?? '').forEach((l, i) => {
    const [chText = '', amountText = '', unitText = ''] = l.split('|').map((p) => p.trim());
    const ch = CHANNELS[norm(chText)];
    const n = Number(amountText.replace(',', '.'));
    const u = UNITS[norm(unitText)];
    if (!ch)
      bad(
        'channelTimes',
        `Dòng ${i + 1}: "${chText}" không phải cách thức; dùng Trực tuyến, Bưu chính, Trực tiếp.`,
      );
    else if (amountText === '' || !Number.isFinite(n) || n < 0)
      bad('channelTimes', `Dòng ${i + 1}: thời hạn phải là một số không âm.`);
    else if (!u)
      bad(
        'channelTimes',
        `Dòng ${i + 1}: "${unitText}" không phải đơn vị; dùng Ngày làm việc, Giờ làm việc hoặc Ngày.`,
      );
    else channelTimes.push({ channel: ch, amount: n, unit: u });
  });
  const cutoff = (row.sameDayCutoff ?? '').trim();
  if (cutoff && !/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff))
    bad('sameDayCutoff', `"${cutoff}" không phải giờ; ghi dạng HH:MM, ví dụ 16:00.`);

  const fees: Fee[] = [];
  lines(row.fees).forEach((l, i) => {
    const [kind = '', name = '', amountText = '', rule = '', exemptions = ''] = l
      .split('|')
      .map((p) => p.trim());
    const k = norm(kind) === 'phí' ? 'phí' : norm(kind) === 'lệ phí' ? 'lệ phí' : null;
    const vnd = amountText === '' ? null : Number(amountText.replace(/[.\s]/g, '').replace(/đồng|đ$/i, ''));
    if (!k) bad('fees', `Dòng ${i + 1}: loại phải là "Phí" hoặc "Lệ phí".`);
    else if (!name) bad('fees', `Dòng ${i + 1}: thiếu tên khoản thu.`);
    else if (vnd !== null && (!Number.isInteger(vnd) || vnd < 0))
      bad('fees', `Dòng ${i + 1}: số tiền "${amountText}" không hợp lệ.`);
    else if (vnd === null && !rule) bad('fees', `Dòng ${i + 1}: cần số tiền hoặc mô tả mức thu.`);
    else fees.push({ kind: k, name, amountVnd: vnd, rule: rule || null, exemptions: exemptions || null });
  });

  const components: Component[] = [];
  lines(row.components).forEach((l, i) => {
    const [
      name = '',
      o = '0',
      c = '0',
      req = 'Bắt buộc',
      condition = '',
      form = '',
      ways = '',
      situation = '',
    ] = l.split('|').map((p) => p.trim());
    // the seventh part: the ways of submitting that ask for it ("Trực tiếp; Bưu chính"); empty: every way;
    // the eighth: the case (trường hợp) it belongs to, when the procedure's papers are alternatives; empty: every case
    const asked: Channel[] = [];
    for (const part of ways.split(/[;,]/).map(norm).filter(Boolean)) {
      const ch = CHANNELS[part];
      if (!ch)
        bad(
          'components',
          `Dòng ${i + 1}: "${part}" không phải cách thức; dùng Trực tiếp, Trực tuyến, Bưu chính.`,
        );
      else if (!asked.includes(ch)) asked.push(ch);
    }
    const originals = Number(o || '0');
    const copies = Number(c || '0');
    if (!name) bad('components', `Dòng ${i + 1}: thiếu tên giấy tờ.`);
    else if (!Number.isInteger(originals) || !Number.isInteger(copies) || originals < 0 || copies < 0) {
      bad('components', `Dòng ${i + 1}: số bản chính, bản sao phải là số nguyên không âm.`);
    } else {
      components.push({
        name,
        originals,
        copies,
        required: !/^không/i.test(req),
        condition: condition || null,
        case: situation || null,
        channels: asked.length > 0 ? asked : null,
        formTemplate: form || null,
        templateFileId: null,
      });
    }
  });

  const channels: Channel[] = [];
  for (const part of row.channels
    .split(/[;,\n]/)
    .map(norm)
    .filter(Boolean)) {
    const ch = CHANNELS[part];
    if (!ch) bad('channels', `"${part}" không phải cách thức; dùng Trực tiếp, Trực tuyến, Bưu chính.`);
    else if (!channels.includes(ch)) channels.push(ch);
  }
  if (channels.length === 0 && row.channels.trim() === '')
    bad('channels', 'Cần ít nhất một cách thức thực hiện.');
  const online = ONLINE[norm(row.onlineLevel)];
  if (!online) bad('onlineLevel', `"${row.onlineLevel}" không hợp lệ; dùng Toàn trình, Một phần hoặc Không.`);
  if (!row.implementingAgency.trim()) bad('implementingAgency', 'Thiếu cơ quan thực hiện.');

  if (problems.length > 0) return { ok: false, problems };
  const inter = row.interconnected.trim();
  const parsed = ProcedureContent.safeParse({
    name: row.name.trim(),
    fieldCode: row.fieldCode.trim(),
    level,
    implementingAgency: row.implementingAgency.trim(),
    decidingAgency: row.decidingAgency.trim() || null,
    processingTime: { amount, unit, text: row.timeText.trim() || null, sameDayCutoff: cutoff || null },
    channelTimes,
    fees,
    components,
    requirements: lines(row.requirements),
    result: row.result.trim(),
    legalBasis: lines(row.legalBasis),
    channels,
    onlineLevel: online,
    interconnected: inter ? { with: level === 'commune' ? 'province' : 'commune', description: inter } : null,
  });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((iss) => ({
        row: rowNo,
        column: String(iss.path[0] ?? ''),
        reason: iss.message,
      })),
    };
  }
  return { ok: true, code: code.data!, content: parsed.data };
}

/** Writes a procedure as a spreadsheet row (the inverse of parseProcedureRow). */
export function procedureToRow(code: string, c: ProcedureContent): ProcedureRow {
  return {
    code,
    name: c.name,
    fieldCode: c.fieldCode,
    level: LEVEL_TEXT[c.level],
    implementingAgency: c.implementingAgency,
    decidingAgency: c.decidingAgency ?? '',
    timeAmount: String(c.processingTime.amount),
    timeUnit: UNIT_TEXT[c.processingTime.unit],
    timeText: c.processingTime.text ?? '',
    channelTimes: c.channelTimes
      .map((t) => [CHANNEL_TEXT[t.channel], t.amount, UNIT_TEXT[t.unit]].join('|'))
      .join('\n'),
    sameDayCutoff: c.processingTime.sameDayCutoff ?? '',
    fees: c.fees
      .map((f) =>
        [
          f.kind === 'phí' ? 'Phí' : 'Lệ phí',
          f.name,
          f.amountVnd ?? '',
          f.rule ?? '',
          f.exemptions ?? '',
        ].join('|'),
      )
      .join('\n'),
    components: c.components
      .map((x) =>
        [
          x.name,
          x.originals,
          x.copies,
          x.required ? 'Bắt buộc' : 'Không bắt buộc',
          x.condition ?? '',
          x.formTemplate ?? '',
          ...(x.channels || x.case ? [(x.channels ?? []).map((ch) => CHANNEL_TEXT[ch]).join('; ')] : []),
          ...(x.case ? [x.case] : []),
        ].join('|'),
      )
      .join('\n'),
    requirements: c.requirements.join('\n'),
    result: c.result,
    legalBasis: c.legalBasis.join('\n'),
    channels: c.channels.map((ch) => CHANNEL_TEXT[ch]).join('; '),
    onlineLevel: ONLINE_TEXT[c.onlineLevel],
    interconnected: c.interconnected?.description ?? '',
  };
}

export const SpreadsheetField = z.object({
  code: FieldCode,
  name: z.string().trim().min(1),
  sector: z.string().trim(),
});
