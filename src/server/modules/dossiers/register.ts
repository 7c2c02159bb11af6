import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { loadExcel } from '../../heavy-libs';
import { z } from 'zod';
import { toLocalIso } from '../../../domain/calendar';
import type { Db } from '../../db/database';
import { agencies, dossierEvents, dossiers, procedureVersions } from '../../db/schema';
import { agencyScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import { localMidnight } from '../../../domain/dossier/lifecycle';

const Instant = z.string().nullable();
/** One line of the dossier register (Sổ theo dõi hồ sơ: Mẫu 06 of Circular 01/2018, Mẫu 07 of Circular 03/2025). */
export const RegisterRow = z.object({
  no: z.number().int(),
  code: z.string(),
  procedureName: z.string(),
  sets: z.number().int(),
  applicantName: z.string(),
  addressAndPhone: z.string(),
  processingAgency: z.string(),
  receivedAt: z.string(),
  appointmentAt: Instant,
  transferredAt: Instant,
  resultReceivedAt: Instant,
  returnedAt: Instant,
  note: z.string(),
});
export type RegisterRow = z.infer<typeof RegisterRow>;

/**
 * The register of the caller's desk: every dossier accepted between two local dates (inclusive), in
 * order of receipt, with the dates the law asks for. Scoped like every dossier query.
 */
export async function registerRows(
  db: Db,
  actor: AuthUser,
  from: string,
  to: string,
): Promise<RegisterRow[]> {
  const scope = await agencyScope(db, actor);
  if (scope !== null && scope.size === 0) return [];
  const end = new Date(localMidnight(to).getTime() + 86_400_000);
  const rows = await db
    .select({ d: dossiers, name: sql<string>`${procedureVersions.content}->>'name'` })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(
      and(
        gte(dossiers.acceptedAt, localMidnight(from)),
        lt(dossiers.acceptedAt, end),
        scope === null ? undefined : inArray(dossiers.agencyId, [...scope]),
      ),
    )
    .orderBy(dossiers.acceptedAt, dossiers.code);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.d.id);
  const events = await db
    .select({
      dossierId: dossierEvents.dossierId,
      type: dossierEvents.type,
      at: dossierEvents.at,
      event: dossierEvents.event,
    })
    .from(dossierEvents)
    .where(
      and(
        inArray(dossierEvents.dossierId, ids),
        inArray(dossierEvents.type, [
          'routed',
          'result-ready',
          'returned',
          'refused',
          'withdrawn',
          'stopped',
          'apologized',
        ]),
      ),
    )
    .orderBy(dossierEvents.dossierId, dossierEvents.seq);
  const names = new Map(
    (await db.select({ id: agencies.id, name: agencies.name }).from(agencies)).map((a) => [a.id, a.name]),
  );
  const byDossier = new Map<string, typeof events>();
  for (const e of events) byDossier.set(e.dossierId, [...(byDossier.get(e.dossierId) ?? []), e]);
  return rows.map(({ d, name }, i) => {
    const ev = byDossier.get(d.id) ?? [];
    const firstRoute = ev.find((e) => e.type === 'routed');
    const ready = ev.find((e) => e.type === 'result-ready');
    const leadAgencies = [
      ...new Set(
        ev.filter((e) => e.type === 'routed').map((e) => (e.event as { agencyId: string }).agencyId),
      ),
    ];
    const notes: string[] = [];
    if (ev.some((e) => e.type === 'apologized')) notes.push('Đã xin lỗi, hẹn lại');
    if (ev.some((e) => e.type === 'withdrawn')) notes.push('Rút hồ sơ');
    if (ev.some((e) => e.type === 'stopped')) notes.push('Dừng xử lý');
    const applicant = d.applicant as { address?: string; phone?: string };
    return {
      no: i + 1,
      code: d.code ?? '',
      procedureName: name,
      sets: 1,
      applicantName: d.applicantName,
      addressAndPhone: [applicant.address, applicant.phone].filter(Boolean).join(' — '),
      processingAgency:
        leadAgencies.map((a) => names.get(a) ?? '').join('; ') || (names.get(d.agencyId) ?? ''),
      receivedAt: toLocalIso(d.acceptedAt!),
      appointmentAt: d.appointmentAt ? toLocalIso(d.appointmentAt) : null,
      transferredAt: firstRoute ? toLocalIso(firstRoute.at) : null,
      resultReceivedAt: ready ? toLocalIso(ready.at) : null,
      returnedAt: d.returnedAt ? toLocalIso(d.returnedAt) : null,
      note: notes.join('; '),
    };
  });
}

const vn = (iso: string | null) =>
  iso ? `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';

/** One register line as the book's thirteen columns, dates formatted by `date` (the sheet and the PDF share it). */
export function registerCells(r: RegisterRow, date: (iso: string | null) => string): (string | number)[] {
  return [
    r.no,
    r.code,
    r.procedureName,
    r.sets,
    r.applicantName,
    r.addressAndPhone,
    r.processingAgency,
    date(r.receivedAt),
    date(r.appointmentAt),
    date(r.transferredAt),
    date(r.resultReceivedAt),
    date(r.returnedAt),
    r.note,
  ];
}

/** The register as a spreadsheet laid out like the paper book (A4 landscape). */
export async function registerXlsx(rows: RegisterRow[], title: { agency: string; from: string; to: string }) {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const d = (iso: string) => iso.split('-').reverse().join('/');
  ws.mergeCells('A1:M1');
  ws.getCell('A1').value = title.agency.toUpperCase();
  ws.mergeCells('A2:M2');
  ws.getCell('A2').value = 'SỔ THEO DÕI HỒ SƠ';
  ws.getCell('A2').font = { bold: true, size: 14 };
  ws.getCell('A2').alignment = { horizontal: 'center' };
  ws.mergeCells('A3:M3');
  ws.getCell('A3').value = `Từ ngày ${d(title.from)} đến ngày ${d(title.to)}`;
  ws.getCell('A3').alignment = { horizontal: 'center' };
  const header = [
    'STT',
    'Mã hồ sơ',
    'Tên thủ tục hành chính',
    'Số lượng hồ sơ (bộ)',
    'Tên cá nhân, tổ chức',
    'Địa chỉ, số điện thoại',
    'Cơ quan chủ trì giải quyết',
    'Ngày, tháng, năm nhận hồ sơ',
    'Ngày, tháng, năm hẹn trả kết quả',
    'Ngày, tháng, năm chuyển hồ sơ đến cơ quan giải quyết',
    'Ngày, tháng, năm nhận kết quả từ cơ quan giải quyết',
    'Ngày, tháng, năm trả kết quả cho cá nhân, tổ chức',
    'Ghi chú (ký nhận)',
  ];
  const h = ws.addRow([]);
  h.values = header;
  h.font = { bold: true };
  h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const r of rows) {
    ws.addRow(registerCells(r, vn)).alignment = { wrapText: true, vertical: 'top' };
  }
  [6, 26, 40, 10, 22, 28, 26, 16, 16, 16, 16, 16, 20].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (let r = 4; r <= ws.rowCount; r++) {
    for (let c = 1; c <= header.length; c++) {
      ws.getCell(r, c).border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
