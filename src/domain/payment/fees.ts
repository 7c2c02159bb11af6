import { z } from 'zod';
import type { Channel, Fee } from '../catalogue/procedure';

/**
 * What an applicant owes for a dossier (phí, lệ phí), from the fees its procedure version publishes.
 * The catalogue states each fee as a fixed amount, or as a rule in words when the amount is set by the
 * province or varies (per page, per person); exemptions are stated in words too. So the assessment
 * says what is certain, and the desk settles the rest (amount set by the province, exemption proved by
 * papers) when it asks for payment.
 */
export interface FeeLine {
  /** Position in the procedure version's fee list. */
  index: number;
  kind: Fee['kind'];
  name: string;
  /** The catalogue's fixed amount, or null when its rule sets it (the desk enters it). */
  amountVnd: number | null;
  rule: string | null;
  exemptions: string | null;
  /** Charged only on request ("nếu có", "nếu có yêu cầu"): not owed by default. */
  optional: boolean;
  /** The fee is published for another channel (e.g. "— nộp trực tuyến" when filed at the counter). */
  otherChannel: boolean;
  /** Owed by default: not optional and for this dossier's channel. */
  owed: boolean;
}

export interface FeeAssessment {
  lines: FeeLine[];
  /** Sum of the owed lines with a fixed amount. */
  knownTotalVnd: number;
  /** Some owed line has no fixed amount: only the desk can say what is due. */
  needsDesk: boolean;
}

const ONLINE = /trực tuyến/i;
const IN_PERSON = /trực tiếp/i;
const OPTIONAL = /\(\s*nếu có[^)]*\)/i;

/** Which channel a fee's name restricts it to, if any ("— nộp trực tuyến", "— nộp trực tiếp"). */
function channelOf(name: string): 'online' | 'in-person' | null {
  if (ONLINE.test(name)) return 'online';
  if (IN_PERSON.test(name)) return 'in-person';
  return null;
}

export function assessFees(fees: readonly Fee[], channel: Channel): FeeAssessment {
  const lines = fees.map((f, index): FeeLine => {
    const only = channelOf(f.name);
    const otherChannel = only !== null && (only === 'online') !== (channel === 'online');
    const optional = OPTIONAL.test(f.name);
    return {
      index,
      kind: f.kind,
      name: f.name,
      amountVnd: f.amountVnd,
      rule: f.rule ?? null,
      exemptions: f.exemptions ?? null,
      optional,
      otherChannel,
      owed: !optional && !otherChannel,
    };
  });
  const owed = lines.filter((l) => l.owed);
  return {
    lines,
    knownTotalVnd: owed.reduce((s, l) => s + (l.amountVnd ?? 0), 0),
    needsDesk: owed.some((l) => l.amountVnd === null),
  };
}

/** The desk's choice for one fee line when it asks for payment. */
export const FeeChoice = z.strictObject({
  index: z.number().int().min(0).max(49),
  /** The amount charged for this line (required when the catalogue has no fixed amount). */
  amountVnd: z.number().int('Số tiền phải là số nguyên đồng.').min(0).max(1_000_000_000).optional(),
  /** The applicant is exempt (miễn): why, as proved by their papers. */
  exemptReason: z
    .string()
    .trim()
    .min(3, 'Hãy ghi rõ lý do miễn (đối tượng, giấy tờ chứng minh).')
    .max(500)
    .optional(),
});
export type FeeChoice = z.infer<typeof FeeChoice>;

export interface ChargedLine {
  index: number;
  kind: Fee['kind'];
  name: string;
  amountVnd: number;
  exemptReason: string | null;
}

export type ChargeResult =
  | { ok: true; lines: ChargedLine[]; totalVnd: number }
  | { ok: false; code: string; message: string };

/**
 * The lines a payment request charges. Without choices, the owed lines at their fixed amounts (refused
 * when one needs the desk). With choices, exactly the chosen lines: an amount is required where the
 * catalogue has none, and an exempt line is charged 0.
 */
export function chargeFees(a: FeeAssessment, choices?: readonly FeeChoice[]): ChargeResult {
  if (!choices) {
    if (a.needsDesk) {
      return {
        ok: false,
        code: 'FEE_NEEDS_DESK',
        message: 'Mức phí, lệ phí của hồ sơ này do cán bộ một cửa xác định; vui lòng chờ thông báo số tiền.',
      };
    }
    const lines = a.lines
      .filter((l) => l.owed)
      .map((l) => ({
        index: l.index,
        kind: l.kind,
        name: l.name,
        amountVnd: l.amountVnd ?? 0,
        exemptReason: null,
      }));
    return { ok: true, lines, totalVnd: lines.reduce((s, l) => s + l.amountVnd, 0) };
  }
  const seen = new Set<number>();
  const lines: ChargedLine[] = [];
  for (const c of choices) {
    const l = a.lines[c.index];
    if (!l)
      return { ok: false, code: 'FEE_NOT_FOUND', message: `Thủ tục không có khoản phí thứ ${c.index + 1}.` };
    if (seen.has(c.index)) {
      return { ok: false, code: 'FEE_REPEATED', message: `Khoản "${l.name}" được chọn hai lần.` };
    }
    seen.add(c.index);
    if (c.exemptReason) {
      lines.push({ index: l.index, kind: l.kind, name: l.name, amountVnd: 0, exemptReason: c.exemptReason });
      continue;
    }
    const amount = c.amountVnd ?? l.amountVnd;
    if (amount === null) {
      return {
        ok: false,
        code: 'FEE_AMOUNT_REQUIRED',
        message: `Hãy nhập số tiền cho khoản "${l.name}" (mức thu theo quy định của tỉnh).`,
      };
    }
    lines.push({ index: l.index, kind: l.kind, name: l.name, amountVnd: amount, exemptReason: null });
  }
  return { ok: true, lines, totalVnd: lines.reduce((s, l) => s + l.amountVnd, 0) };
}

/**
 * A payment reference (nội dung chuyển khoản): "MC" and 8 characters without look-alikes (no 0/O,
 * 1/I/L), so it survives banks' upper-casing and being read aloud. `random` gives 8 numbers in [0, 1).
 */
const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function paymentReference(random: readonly number[]): string {
  if (random.length !== 8) throw new RangeError('paymentReference needs 8 random numbers');
  return `MC${random.map((r) => REF_ALPHABET[Math.floor(r * REF_ALPHABET.length)]).join('')}`;
}
export const PAYMENT_REFERENCE = /^MC[2-9A-HJKMNP-Z]{8}$/;

/** Finds a payment reference inside a bank transfer's content, however the bank spaced or cased it. */
export function findReference(content: string): string | null {
  const m = content.toUpperCase().match(/MC[2-9A-HJKMNP-Z]{8}/);
  return m ? m[0] : null;
}
