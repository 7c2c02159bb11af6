/**
 * The A5 slips given to the applicant (Mẫu 01–06): receipt, supplement request, refusal, apology, stop notice
 * and control slip, with their shared layout (national header, title, QR code, applicant lines). Rendered by
 * `renderForm` in `forms.ts`.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  type ApologyData,
  type ControlSlipData,
  type DossierFormBase,
  type FormKind,
  formNumber,
  formTitle,
  type ReceiptData,
  type RefusalData,
  type Regime,
  type StopNoticeData,
  type SupplementData,
} from './form-kinds';
import { dots, mm, nationalHeader, placeDate, qrDataUrl, signatures, vnInstant, vnParts } from './pdf';

// A5 portrait: 148 × 210 mm. Margins after forms.md, scaled for the smaller page.
const A5_MARGINS: [number, number, number, number] = [mm(18), mm(10), mm(10), mm(10)];
const A5_WIDTH = mm(148) - mm(18) - mm(10);

const line = (label: string, value: string | null | undefined): Content => ({
  text: [{ text: `${label}: ` }, { text: value?.trim() ? value : dots(45), bold: !!value?.trim() }],
  margin: [0, 1, 0, 1],
});

async function head(kind: FormKind, d: DossierFormBase, extra: Content[] = []): Promise<Content[]> {
  // The QR code with its caption stands in a narrow column on the right; the dossier code and whatever the form
  // puts in `extra` (its opening lines) flow beside it instead of below it, which keeps an A5 slip on one page.
  const qr: Content[] =
    d.trackingUrl && d.code
      ? [
          {
            columns: [
              {
                width: '*',
                stack: [{ text: [{ text: 'Mã hồ sơ: ' }, { text: d.code, bold: true }] }, ...extra],
              },
              {
                width: 58,
                stack: [
                  { image: await qrDataUrl(d.trackingUrl), fit: [46, 46], alignment: 'center' },
                  {
                    text: 'Quét mã QR để tra cứu tiến độ hồ sơ',
                    fontSize: 6.5,
                    italics: true,
                    alignment: 'center',
                  },
                ],
              },
            ],
            columnGap: 6,
            margin: [0, 4, 0, 0],
          },
        ]
      : extra;
  return [
    nationalHeader(d.agency, A5_WIDTH),
    placeDate(d.agency.place, d.printedAt),
    { text: formTitle(kind, d.regime), bold: true, fontSize: 12, alignment: 'center', margin: [0, 2, 0, 2] },
    ...qr,
  ];
}

const slip = (
  kind: FormKind,
  content: Content[],
  d: { code: string | null; printedAt: string; regime: Regime },
): TDocumentDefinitions => ({
  pageSize: 'A5',
  pageOrientation: 'portrait',
  pageMargins: A5_MARGINS,
  // "Mẫu số 01" sits in the top margin, right-aligned, as on the Circular's forms, leaving the page to the form.
  header: () => {
    const number = formNumber(kind, d.regime);
    return number
      ? { text: number, italics: true, fontSize: 9, alignment: 'right', margin: [mm(18), mm(4), mm(10), 0] }
      : null;
  },
  defaultStyle: { fontSize: 10, lineHeight: 1 },
  info: {
    title: d.code ?? 'motcua',
    creator: 'motcua',
    producer: 'motcua',
    creationDate: new Date(d.printedAt),
    modDate: new Date(d.printedAt),
  },
  content,
});

const applicantLines = (d: DossierFormBase): Content[] => [
  line('Tên tổ chức, cá nhân', d.applicant.name),
  line('Địa chỉ', d.applicant.address),
  line('Số điện thoại', d.applicant.phone),
  line('Thư điện tử', d.applicant.email),
  line('Nội dung yêu cầu giải quyết', `${d.procedure.name} (mã thủ tục ${d.procedure.code})`),
];

/** "… tiếp nhận hồ sơ của:" and who and what for: the opening of Mẫu 01, 02 and 03. */
const receivedFrom = (d: DossierFormBase): Content[] => [
  {
    text: `${d.agency.name} — Bộ phận Tiếp nhận và Trả kết quả — tiếp nhận hồ sơ của:`,
    margin: [0, 4, 0, 2],
  },
  ...applicantLines(d),
];

/** "1 bản chính, 1 bản sao"; a kind of copy not asked for is left out ("1 bản chính"). */
const quantity = (c: { originals: number; copies: number }) =>
  [c.originals ? `${c.originals} bản chính` : '', c.copies ? `${c.copies} bản sao` : '']
    .filter(Boolean)
    .join(', ') || '—';

export async function receipt(d: ReceiptData) {
  const rows = d.components.map((c, i) => [
    { text: String(i + 1), alignment: 'center' as const },
    c.name,
    { text: quantity(c), alignment: 'center' as const },
  ]);
  return slip(
    'receipt',
    [
      ...(await head('receipt', d, receivedFrom(d))),
      { text: '1. Thành phần hồ sơ nộp gồm:', margin: [0, 4, 0, 2] },
      {
        table: {
          headerRows: 1,
          widths: [20, '*', 58],
          body: [
            [
              { text: 'STT', bold: true, alignment: 'center' },
              { text: 'Tên giấy tờ', bold: true },
              { text: 'Số lượng', bold: true, alignment: 'center' },
            ],
            ...(rows.length > 0 ? rows : [['', 'Không có thành phần bắt buộc', '']]),
          ],
        },
        layout: { paddingTop: () => 1, paddingBottom: () => 1 },
        fontSize: 9.5,
      },
      // The appointment and both signatures travel together: a dossier too long for one page never leaves the
      // signatures alone on the next.
      {
        unbreakable: true,
        stack: [
          { text: `2. Số lượng hồ sơ: ${String(d.sets).padStart(2, '0')} (bộ)`, margin: [0, 4, 0, 1] },
          line('3. Thời gian giải quyết hồ sơ theo quy định', d.legalTimeText),
          line('4. Thời gian nhận hồ sơ', vnInstant(d.receivedAt)),
          line('5. Thời gian trả kết quả giải quyết hồ sơ', vnInstant(d.appointmentAt)),
          line('6. Đăng ký nhận kết quả tại', d.returnAt),
          line('Vào Sổ theo dõi hồ sơ, Quyển số', `${dots(8)} Số thứ tự ${dots(8)}`),
          signatures([
            { title: 'NGƯỜI NỘP HỒ SƠ', name: d.applicant.name },
            { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: d.officer.name },
          ]),
        ],
      },
    ],
    d,
  );
}

export async function supplementRequest(d: SupplementData) {
  return slip(
    'supplementRequest',
    [
      ...(await head('supplementRequest', d, receivedFrom(d))),
      { text: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:', margin: [0, 4, 0, 2] },
      { ol: d.items, margin: [6, 0, 0, 2] },
      line('Lý do', d.reason),
      {
        text: `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với ${d.officer.name}${
          d.officer.phone ? `, số điện thoại ${d.officer.phone}` : ''
        } để được hướng dẫn.`,
        margin: [0, 4, 0, 0],
      },
      signatures([{ title: 'NGƯỜI HƯỚNG DẪN', name: d.officer.name }]),
    ],
    d,
  );
}

export async function refusal(d: RefusalData) {
  return slip(
    'refusal',
    [
      ...(await head('refusal', d, receivedFrom(d))),
      {
        text: 'Sau khi nghiên cứu, đối chiếu với các quy định hiện hành, Bộ phận Tiếp nhận và Trả kết quả từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
        margin: [0, 4, 0, 2],
      },
      { text: d.reason, bold: true, margin: [6, 0, 0, 4] },
      { text: 'Xin thông báo cho ông/bà được biết và thực hiện.' },
      signatures([{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: d.officer.name }]),
    ],
    d,
  );
}

export async function apology(d: ApologyData) {
  const p = vnParts(d.receivedAt);
  return slip(
    'apology',
    [
      ...(await head('apology', d, [
        {
          text: `Ngày ${p.day}/${p.month}/${p.year}, ${d.agency.name} tiếp nhận giải quyết hồ sơ của:`,
          margin: [0, 4, 0, 2],
        },
        ...applicantLines(d),
      ])),
      line('Thời gian hẹn trả kết quả giải quyết hồ sơ', vnInstant(d.appointmentAt)),
      {
        text: 'Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng hẹn. Lý do:',
        margin: [0, 4, 0, 2],
      },
      { text: d.reason, bold: true, margin: [6, 0, 0, 4] },
      {
        text: [
          'Sự chậm trễ này đã gây phiền hà cho ông/bà, cơ quan thành thật xin lỗi và hẹn trả kết quả vào lúc ',
          { text: vnInstant(d.newAppointmentAt), bold: true },
          '.',
        ],
      },
      { text: 'Mong nhận được sự thông cảm của ông/bà. Trân trọng!', margin: [0, 4, 0, 0] },
      signatures([{ title: 'THỦ TRƯỞNG CƠ QUAN', name: d.signer }]),
    ],
    d,
  );
}

export async function stopNotice(d: StopNoticeData) {
  return slip(
    'stopNotice',
    [
      ...(await head('stopNotice', d, [
        { text: `${d.agency.name} thông báo dừng giải quyết hồ sơ của:`, margin: [0, 4, 0, 2] },
        ...applicantLines(d),
      ])),
      { text: 'Lý do dừng giải quyết:', margin: [0, 4, 0, 2] },
      { text: d.reason, bold: true, margin: [6, 0, 0, 4] },
      { text: 'Xin thông báo để ông/bà được biết.' },
      signatures([{ title: 'THỦ TRƯỞNG CƠ QUAN', name: d.signer }]),
    ],
    d,
  );
}

export async function controlSlip(d: ControlSlipData) {
  return slip(
    'controlSlip',
    [
      ...(await head('controlSlip', d, [
        line('Cơ quan (bộ phận) giải quyết hồ sơ', d.processingAgencies.join('; ')),
        line('Người nộp', d.applicant.name),
        line('Thời gian nhận hồ sơ', vnInstant(d.receivedAt)),
        line('Thời gian hẹn trả kết quả', vnInstant(d.appointmentAt)),
      ])),
      {
        table: {
          headerRows: 1,
          widths: ['*', 64, 46, '*'],
          body: [
            [
              { text: 'Tên cơ quan (bộ phận) giao, nhận', bold: true },
              { text: 'Thời gian giao, nhận', bold: true },
              { text: 'Kết quả', bold: true },
              { text: 'Ghi chú (ký)', bold: true },
            ],
            ...d.rows.map((r) => [
              `Giao: ${r.from}\nNhận: ${r.to}`,
              vnInstant(r.at).replace(', ngày ', '\n'),
              r.result,
              r.note,
            ]),
          ],
        },
        fontSize: 9,
        margin: [0, 6, 0, 0],
      },
    ],
    d,
  );
}
