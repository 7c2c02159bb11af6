import { loadExcel } from '../../heavy-libs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { ProcessingFigures } from '../../../domain/stats/report';
import { mm, nationalHeader, renderPdf } from '../dossier-forms/pdf';
import type { ReportRow } from './totals';

/** The on-time report's columns, in the layout of Vietnamese one-stop reports (mẫu báo cáo tình hình giải quyết TTHC). */
export const REPORT_COLUMNS: { key: keyof ProcessingFigures; group: string; label: string }[] = [
  { key: 'toHandle', group: 'Số hồ sơ nhận giải quyết', label: 'Tổng số' },
  { key: 'carriedOver', group: 'Số hồ sơ nhận giải quyết', label: 'Kỳ trước chuyển qua' },
  { key: 'receivedOnline', group: 'Số hồ sơ nhận giải quyết', label: 'Mới tiếp nhận trực tuyến' },
  { key: 'receivedCounter', group: 'Số hồ sơ nhận giải quyết', label: 'Mới tiếp nhận trực tiếp' },
  { key: 'receivedPostal', group: 'Số hồ sơ nhận giải quyết', label: 'Mới tiếp nhận qua bưu chính' },
  { key: 'resolved', group: 'Số hồ sơ đã giải quyết', label: 'Tổng số' },
  { key: 'resolvedEarly', group: 'Số hồ sơ đã giải quyết', label: 'Trước hạn' },
  { key: 'resolvedOnTime', group: 'Số hồ sơ đã giải quyết', label: 'Đúng hạn' },
  { key: 'resolvedLate', group: 'Số hồ sơ đã giải quyết', label: 'Quá hạn' },
  { key: 'inProgress', group: 'Số hồ sơ đang giải quyết', label: 'Tổng số' },
  { key: 'inProgressWithinTime', group: 'Số hồ sơ đang giải quyết', label: 'Trong hạn' },
  { key: 'inProgressOverdue', group: 'Số hồ sơ đang giải quyết', label: 'Quá hạn' },
  { key: 'paused', group: 'Số hồ sơ đang giải quyết', label: 'Chờ bổ sung, nghĩa vụ tài chính' },
  { key: 'refused', group: 'Khác', label: 'Từ chối tiếp nhận' },
  { key: 'withdrawn', group: 'Khác', label: 'Rút hồ sơ' },
  { key: 'stopped', group: 'Khác', label: 'Dừng giải quyết' },
  { key: 'onTimeRate', group: 'Khác', label: 'Tỷ lệ trước hạn, đúng hạn (%)' },
];

const value = (f: ProcessingFigures, k: keyof ProcessingFigures): number | string => {
  const v = f[k];
  if (k === 'onTimeRate') return v === null ? '' : Math.round((v as number) * 1000) / 10;
  return (v as number | null) ?? '';
};

export interface ReportDocument {
  agencyName: string;
  superiorName: string | null;
  title: string;
  periodText: string;
  dimensionLabel: string;
  rows: ReportRow[];
  total: ProcessingFigures;
  printedAt: string;
}

/** The report as an .xlsx workbook: two header rows (groups, then columns), one row per line, the total. */
export async function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Báo cáo', { views: [{ state: 'frozen', ySplit: 6, xSplit: 2 }] });
  const last = REPORT_COLUMNS.length + 2;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = doc.agencyName.toUpperCase();
  ws.getCell(1, 1).font = { bold: true };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = doc.title;
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(3, 1, 3, last);
  ws.getCell(3, 1).value = doc.periodText;
  ws.getCell(3, 1).alignment = { horizontal: 'center' };
  ws.getCell(3, 1).font = { italic: true };
  const h1 = 5;
  const h2 = 6;
  ws.getCell(h1, 1).value = 'STT';
  ws.mergeCells(h1, 1, h2, 1);
  ws.getCell(h1, 2).value = doc.dimensionLabel;
  ws.mergeCells(h1, 2, h2, 2);
  let col = 3;
  for (const group of [...new Set(REPORT_COLUMNS.map((c) => c.group))]) {
    const cols = REPORT_COLUMNS.filter((c) => c.group === group);
    ws.getCell(h1, col).value = group;
    if (cols.length > 1) ws.mergeCells(h1, col, h1, col + cols.length - 1);
    for (const c of cols) ws.getCell(h2, col++).value = c.label;
  }
  for (const r of [h1, h2]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  ws.getRow(h2).height = 45;
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 40;
  for (let c = 3; c <= last; c++) ws.getColumn(c).width = 12;
  doc.rows.forEach((r, i) => {
    ws.addRow([i + 1, r.label, ...REPORT_COLUMNS.map((c) => value(r.figures, c.key))]);
  });
  const total = ws.addRow(['', 'Tổng cộng', ...REPORT_COLUMNS.map((c) => value(doc.total, c.key))]);
  total.font = { bold: true };
  const border = { style: 'thin' as const };
  for (let r = h1; r <= ws.rowCount; r++) {
    for (let c = 1; c <= last; c++) {
      ws.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
    }
  }
  ws.addRow([]);
  ws.addRow([
    '',
    'Ghi chú: đúng hạn, trước hạn, quá hạn so với thời hạn giải quyết theo quy định (ngày hẹn trả ban đầu; thư xin lỗi, hẹn lại không làm thay đổi thời hạn). Hồ sơ chờ bổ sung không tính thời gian chờ.',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report as a PDF (A4 landscape, Tinos). */
export async function reportPdf(doc: ReportDocument): Promise<Buffer> {
  const width = mm(297 - 20);
  const groups = [...new Set(REPORT_COLUMNS.map((c) => c.group))];
  const head1: TableCell[] = [
    { text: 'STT', rowSpan: 2, bold: true },
    { text: doc.dimensionLabel, rowSpan: 2, bold: true },
  ];
  for (const g of groups) {
    const n = REPORT_COLUMNS.filter((c) => c.group === g).length;
    head1.push({ text: g, colSpan: n, bold: true, alignment: 'center' });
    for (let i = 1; i < n; i++) head1.push({});
  }
  const head2: TableCell[] = [
    {},
    {},
    ...REPORT_COLUMNS.map((c) => ({ text: c.label, bold: true, fontSize: 7 })),
  ];
  const body: TableCell[][] = [
    head1,
    head2,
    ...doc.rows.map((r, i) => [
      String(i + 1),
      r.label,
      ...REPORT_COLUMNS.map((c) => ({ text: String(value(r.figures, c.key)), alignment: 'right' as const })),
    ]),
    [
      '',
      { text: 'Tổng cộng', bold: true },
      ...REPORT_COLUMNS.map((c) => ({
        text: String(value(doc.total, c.key)),
        bold: true,
        alignment: 'right' as const,
      })),
    ],
  ];
  const content: Content[] = [
    nationalHeader({ name: doc.agencyName, superiorName: doc.superiorName }, width),
    { text: doc.title.toUpperCase(), bold: true, alignment: 'center', fontSize: 13, margin: [0, 10, 0, 2] },
    { text: doc.periodText, italics: true, alignment: 'center', margin: [0, 0, 0, 8] },
    {
      table: { headerRows: 2, widths: [18, 120, ...REPORT_COLUMNS.map(() => '*')], body },
      fontSize: 8,
    },
  ];
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [mm(10), mm(10), mm(10), mm(10)],
    content,
    defaultStyle: { fontSize: 9 },
  });
}
