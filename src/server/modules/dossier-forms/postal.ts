import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { toLocalIso } from '../../../domain/calendar';
import type { DossierEvent } from '../../../domain/dossier/events';
import type { Db } from '../../db/database';
import { dossierEvents, dossiers, procedureVersions } from '../../db/schema';
import type { FormAgency } from './forms';
import { mm, nationalHeader, placeDate, renderPdf, signatures, vnParts } from './pdf';
import { localMidnight } from '../../../domain/dossier/lifecycle';

/** One result handed to the postal worker. */
export interface PostalRow {
  code: string;
  procedure: string;
  result: string;
  applicant: string;
  phone: string;
  address: string;
  trackingCode: string;
  at: string;
}

export interface PostalHandoverData {
  agency: FormAgency;
  date: string;
  printedAt: string;
  officer: string;
  courier: string;
  rows: PostalRow[];
}

/**
 * The results an agency handed to the public postal service on one local day, grouped by the postal
 * worker who took them (Decision 45/2016/QĐ-TTg Art. 9–10: joint count, listed originals, signatures).
 */
export async function postalRows(
  db: Db,
  agencyId: string,
  date: string,
): Promise<{ courier: string; officer: string; rows: PostalRow[] }[]> {
  const start = localMidnight(date);
  const end = new Date(start.getTime() + 86_400_000);
  const found = await db
    .select({ event: dossierEvents.event, d: dossiers, content: procedureVersions.content })
    .from(dossierEvents)
    .innerJoin(dossiers, eq(dossiers.id, dossierEvents.dossierId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(
      and(
        eq(dossiers.agencyId, agencyId),
        eq(dossierEvents.type, 'returned'),
        sql`${dossierEvents.event}->>'method' = 'post'`,
        gte(dossierEvents.at, start),
        lt(dossierEvents.at, end),
      ),
    )
    .orderBy(asc(dossierEvents.at));
  const groups = new Map<string, { courier: string; officer: string; rows: PostalRow[] }>();
  for (const f of found) {
    const e = f.event as Extract<DossierEvent, { type: 'returned' }>;
    if (!e.postal) continue;
    const key = e.postal.courier.toLocaleLowerCase('vi');
    let g = groups.get(key);
    if (!g) {
      g = { courier: e.postal.courier, officer: e.actor?.name ?? '', rows: [] };
      groups.set(key, g);
    }
    const a = f.d.applicant as { phone?: string };
    g.rows.push({
      code: f.d.code ?? '',
      procedure: f.content.name,
      result: f.content.result,
      applicant: f.d.applicantName,
      phone: a.phone ?? '',
      address: e.postal.address,
      trackingCode: e.postal.trackingCode,
      at: toLocalIso(new Date(e.at)), // shown as the desk shows every instant: local time, +07:00
    });
  }
  return [...groups.values()];
}

function handoverPage(d: PostalHandoverData): TDocumentDefinitions['content'] {
  const p = vnParts(d.printedAt);
  const [y, m, day] = d.date.split('-');
  const head = [
    'STT',
    'Mã hồ sơ',
    'Thủ tục, giấy tờ kết quả',
    'Người nhận, điện thoại',
    'Địa chỉ phát',
    'Số hiệu bưu gửi',
  ].map((t) => ({ text: t, bold: true, alignment: 'center' as const }));
  return [
    nationalHeader(d.agency, mm(210) - mm(35)),
    placeDate(d.agency.place, `${d.date}T${p.hour}:${p.minute}:00+07:00`),
    {
      text: 'BIÊN BẢN GIAO NHẬN KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\nQUA DỊCH VỤ BƯU CHÍNH CÔNG ÍCH',
      bold: true,
      fontSize: 13,
      alignment: 'center',
      margin: [0, 8, 0, 8],
    },
    {
      text: `Hôm nay, ngày ${day}/${m}/${y}, tại Bộ phận Tiếp nhận và Trả kết quả — ${d.agency.name}, chúng tôi gồm:`,
    },
    {
      ul: [
        `Bên giao: Bộ phận Tiếp nhận và Trả kết quả, ${d.agency.name}; người giao: ${d.officer}.`,
        `Bên nhận: doanh nghiệp cung ứng dịch vụ bưu chính công ích; nhân viên bưu chính: ${d.courier}.`,
      ],
      margin: [0, 4, 0, 4],
    },
    {
      text: `Hai bên cùng kiểm đếm, đối chiếu và giao nhận ${d.rows.length} kết quả giải quyết thủ tục hành chính để chuyển phát đến tổ chức, cá nhân theo Quyết định số 45/2016/QĐ-TTg, gồm:`,
      margin: [0, 0, 0, 6],
    },
    {
      table: {
        headerRows: 1,
        widths: [22, 114, '*', 78, 90, 72],
        body: [
          head,
          ...d.rows.map((r, i) => [
            String(i + 1),
            r.code,
            r.result ? `${r.procedure}\nKết quả: ${r.result}` : r.procedure,
            r.phone ? `${r.applicant}\n${r.phone}` : r.applicant,
            r.address,
            r.trackingCode,
          ]),
        ],
      },
      fontSize: 8.5,
    },
    {
      text: 'Kết quả được đóng gói, niêm phong với sự chứng kiến của hai bên. Biên bản lập thành 02 bản, mỗi bên giữ 01 bản.',
      margin: [0, 8, 0, 0],
    },
    signatures([
      { title: 'BÊN NHẬN\n(Nhân viên bưu chính)', name: d.courier },
      { title: 'BÊN GIAO\n(Bộ phận Tiếp nhận và Trả kết quả)', name: d.officer },
    ]),
  ];
}

/** The day's hand-over records, one A4 page per postal worker. */
export async function renderPostalHandovers(list: PostalHandoverData[]): Promise<Buffer> {
  const content = list.flatMap((d, i) => {
    const page = handoverPage(d) as unknown[];
    return i === 0 ? page : [{ text: '', pageBreak: 'before' as const }, ...page];
  });
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [mm(20), mm(15), mm(15), mm(15)],
    defaultStyle: { fontSize: 10.5 },
    info: { title: 'Biên bản giao nhận kết quả qua bưu chính', creator: 'motcua' },
    content: content as TDocumentDefinitions['content'],
  });
}
