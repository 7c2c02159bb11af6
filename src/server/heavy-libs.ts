/**
 * Libraries that weigh seconds of start-up and serve a few requests (spreadsheets, PDFs): loaded on the first
 * request that needs them, not when the server starts (issue 26: every test process and every restart after a
 * crash paid ~1.5 s of CPU for them; issue 19: a restart is quicker).
 */
import type ExcelJSModule from 'exceljs';
import type PdfMakeModule from 'pdfmake';

let excel: Promise<typeof ExcelJSModule> | null = null;
let pdf: Promise<typeof PdfMakeModule> | null = null;

/** exceljs, loaded once. */
export function loadExcel(): Promise<typeof ExcelJSModule> {
  excel ??= import('exceljs').then((m) => (m as { default?: typeof ExcelJSModule }).default ?? m);
  return excel;
}

/** pdfmake (and pdfkit under it), loaded once. */
export function loadPdfMake(): Promise<typeof PdfMakeModule> {
  pdf ??= import('pdfmake').then((m) => (m as { default?: typeof PdfMakeModule }).default ?? m);
  return pdf;
}
