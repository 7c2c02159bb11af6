import type ExcelJS from 'exceljs';
import { loadExcel } from '../../heavy-libs';
import type { Field, ProcedureContent } from '../../../domain/catalogue/procedure';
import {
  FIELD_COLUMNS,
  isOptionalColumn,
  PROCEDURE_COLUMNS,
  type ProcedureRow,
  parseProcedureRow,
  procedureToRow,
  type RowProblem,
  SpreadsheetField,
} from '../../../domain/catalogue/spreadsheet';

const PROCEDURE_SHEET = 'Thủ tục';
const FIELD_SHEET = 'Lĩnh vực';

/** The catalogue as an .xlsx workbook: a sheet of fields and a sheet of procedures. */
export async function exportCatalogue(
  fieldRows: Field[],
  procedureRows: { code: string; content: ProcedureContent }[],
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'motcua';
  const ps = wb.addWorksheet(PROCEDURE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ps.columns = PROCEDURE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const p of procedureRows) ps.addRow(procedureToRow(p.code, p.content));
  const fs = wb.addWorksheet(FIELD_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  fs.columns = FIELD_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const f of fieldRows) fs.addRow(f);
  for (const sheet of [ps, fs]) {
    sheet.getRow(1).font = { bold: true };
    sheet.eachRow((row) => {
      row.alignment = { vertical: 'top', wrapText: true };
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

export interface ParsedWorkbook {
  fields: Field[];
  procedures: { row: number; code: string; content: ProcedureContent }[];
}

/** Reads a workbook; returns every problem (row, column, reason) or the parsed content. */
export async function parseCatalogue(
  data: Buffer,
): Promise<{ ok: true; value: ParsedWorkbook } | { ok: false; problems: RowProblem[] }> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      problems: [{ row: 0, column: '', reason: 'Tệp không phải bảng tính .xlsx hợp lệ.' }],
    };
  }
  const problems: RowProblem[] = [];
  const ps = wb.getWorksheet(PROCEDURE_SHEET);
  if (!ps) {
    return {
      ok: false,
      problems: [{ row: 0, column: '', reason: `Không có trang tính "${PROCEDURE_SHEET}".` }],
    };
  }
  const headerRow = ps.getRow(1);
  const colIndex = new Map<string, number>();
  headerRow.eachCell((cell, col) => {
    colIndex.set(cellText(cell.value).trim(), col);
  });
  for (const c of PROCEDURE_COLUMNS) {
    if (!colIndex.has(c.header) && !isOptionalColumn(c))
      problems.push({ row: 1, column: c.header, reason: 'Thiếu cột này ở dòng tiêu đề.' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const fieldsOut: Field[] = [];
  const fs = wb.getWorksheet(FIELD_SHEET);
  if (fs) {
    fs.eachRow((row, n) => {
      if (n === 1) return;
      const [code, name, sector] = [1, 2, 3].map((i) => cellText(row.getCell(i).value).trim());
      if (!code && !name) return;
      const f = SpreadsheetField.safeParse({ code, name, sector: sector ?? '' });
      if (!f.success)
        problems.push({
          row: n,
          column: `${FIELD_SHEET}: Mã/Tên lĩnh vực`,
          reason: 'Lĩnh vực thiếu mã hoặc tên.',
        });
      else fieldsOut.push(f.data);
    });
  }

  const procs: ParsedWorkbook['procedures'] = [];
  const seen = new Map<string, number>();
  ps.eachRow((row, n) => {
    if (n === 1) return;
    const values = Object.fromEntries(
      PROCEDURE_COLUMNS.map((c) => {
        const col = colIndex.get(c.header);
        return [c.key, col === undefined ? '' : cellText(row.getCell(col).value)];
      }),
    ) as ProcedureRow;
    if (Object.values(values).every((v) => v.trim() === '')) return;
    const r = parseProcedureRow(values, n);
    if (!r.ok) {
      problems.push(...r.problems);
      return;
    }
    const dup = seen.get(r.code);
    if (dup) {
      problems.push({ row: n, column: 'Mã thủ tục', reason: `Mã ${r.code} đã có ở dòng ${dup}.` });
      return;
    }
    seen.set(r.code, n);
    procs.push({ row: n, code: r.code, content: r.content });
  });
  if (procs.length === 0 && problems.length === 0) {
    problems.push({ row: 2, column: '', reason: 'Bảng tính không có thủ tục nào.' });
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, value: { fields: fieldsOut, procedures: procs } };
}
