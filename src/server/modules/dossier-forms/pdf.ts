import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import QRCode from 'qrcode';
import { loadPdfMake } from '../../heavy-libs';

const require = createRequire(import.meta.url);
const TINOS = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));

let ready: Promise<Awaited<ReturnType<typeof loadPdfMake>>> | null = null;
/**
 * pdfmake with Tinos (metric-compatible with Times New Roman, full Vietnamese coverage) loaded into its
 * virtual file system; no local file or URL access at render time.
 */
function setup() {
  ready ??= loadPdfMake().then((pdfmake) => {
    const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(n: string, d: Buffer): void } })
      .virtualfs;
    const files = {
      'Tinos-Regular.ttf': join(TINOS, '400Regular', 'Tinos_400Regular.ttf'),
      'Tinos-Bold.ttf': join(TINOS, '700Bold', 'Tinos_700Bold.ttf'),
      'Tinos-Italic.ttf': join(TINOS, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
      'Tinos-BoldItalic.ttf': join(TINOS, '700Bold_Italic', 'Tinos_700Bold_Italic.ttf'),
    };
    for (const [name, path] of Object.entries(files)) vfs.writeFileSync(name, readFileSync(path));
    pdfmake.setFonts({
      Tinos: {
        normal: 'Tinos-Regular.ttf',
        bold: 'Tinos-Bold.ttf',
        italics: 'Tinos-Italic.ttf',
        bolditalics: 'Tinos-BoldItalic.ttf',
      },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    (pdfmake as unknown as { setLocalAccessPolicy(cb: (p: string) => boolean): void }).setLocalAccessPolicy(
      () => false,
    );
    return pdfmake;
  });
  return ready;
}

export async function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 0, width: 240 });
}

/** Renders a document definition to PDF bytes, with the Vietnamese serif font. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pdfmake = await setup();
  const out = pdfmake.createPdf({
    ...doc,
    defaultStyle: { font: 'Tinos', fontSize: 12, lineHeight: 1.05, ...(doc.defaultStyle ?? {}) },
  }) as unknown as { getBuffer(): Promise<Buffer> };
  return out.getBuffer();
}

/** Millimetres to PDF points. */
export const mm = (n: number) => (n * 72) / 25.4;

/** A dotted fill line where a value is missing, as on the paper templates. */
export const dots = (n = 40) => '.'.repeat(n);

/** The national motto, set on one line as every administrative form has it. */
export const NATIONAL_MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
/**
 * Width of NATIONAL_MOTTO in bold Tinos, in points per point of type size (196.8 pt at 9.5 pt, measured with
 * the font's own advances). The header sizes the motto from it so the motto never wraps to "… VIỆT / NAM".
 */
const MOTTO_EM_WIDTH = 20.72;

/**
 * The national header of an administrative document (Decree 30/2020/NĐ-CP), laid out as the Circulars' forms
 * do: the agency (under its superior) in the narrower left column, the national motto in the wider right one
 * (about 3:5), each with a short rule under it. The motto is set on a single line at the largest size up to
 * 13 pt that fits its column.
 */
export function nationalHeader(
  agency: { name: string; superiorName: string | null },
  width: number,
): Content {
  const rule = (w: number): Content => ({
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: w, y2: 0, lineWidth: 0.5 }],
    alignment: 'center',
    margin: [0, 3, 0, 0],
  });
  const gap = 6;
  const right = Math.round(width * 0.6);
  const left = width - right - gap;
  // 4 % slack for rounding in the layout engine.
  const mottoSize = Math.min(13, Math.floor(((right * 0.96) / MOTTO_EM_WIDTH) * 4) / 4);
  // The agency's lines wrap in the narrower column; a point smaller keeps them to a few lines.
  const agencySize = Math.min(12, mottoSize - 1);
  return {
    columnGap: gap,
    columns: [
      {
        width: left,
        stack: [
          ...(agency.superiorName ? [{ text: agency.superiorName.toUpperCase(), fontSize: agencySize }] : []),
          { text: agency.name.toUpperCase(), bold: true, fontSize: agencySize },
          rule(left * 0.35),
        ],
        alignment: 'center',
      },
      {
        width: right,
        stack: [
          { text: NATIONAL_MOTTO, bold: true, fontSize: mottoSize, noWrap: true },
          { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: Math.min(14, mottoSize + 1) },
          rule(right * 0.5),
        ],
        alignment: 'center',
      },
    ],
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Parts of an instant in Vietnam (UTC+7, no daylight saving). */
export function vnParts(iso: string) {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  return {
    hour: pad(d.getUTCHours()),
    minute: pad(d.getUTCMinutes()),
    day: pad(d.getUTCDate()),
    month: pad(d.getUTCMonth() + 1),
    year: String(d.getUTCFullYear()),
  };
}

/** "15 giờ 20 phút, ngày 24/11/2026" */
export function vnInstant(iso: string | null): string {
  if (!iso) return dots(30);
  const p = vnParts(iso);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day}/${p.month}/${p.year}`;
}

/** "Phường Sài Gòn, ngày 24 tháng 11 năm 2026" (the place-and-date line, in italics). */
export function placeDate(place: string, iso: string): Content {
  const p = vnParts(iso);
  return {
    text: `${place}, ngày ${p.day} tháng ${p.month} năm ${p.year}`,
    italics: true,
    alignment: 'right',
    margin: [0, 4, 0, 2],
  };
}

/** Two signature blocks side by side (or one on the right). */
export function signatures(blocks: { title: string; name: string | null }[]): Content {
  return {
    columns: blocks.map((b) => ({
      width: '*',
      stack: [
        { text: b.title, bold: true },
        { text: '(Ký và ghi rõ họ tên)', italics: true, fontSize: 10 },
        { text: ' ', margin: [0, 18, 0, 0] },
        { text: b.name ?? '', bold: true },
      ],
      alignment: 'center',
    })),
    margin: [0, 8, 0, 0],
    unbreakable: true,
  };
}
