import { isAgencyCode } from '../agency/agency-code';

/**
 * Dossier code (mã hồ sơ), Decree 61/2018 art. 26 and Circular 01/2018 art. 19:
 * `<agency identifier>-<YYMMDD>-<NNNN>` — the receiving agency's QCVN 102:2016 code, the local date
 * of receipt, and that agency's sequence for the day from 0001. The circular says nothing past
 * 9,999 a day; motcua continues with more digits (10000, …), which callers log.
 */
export function formatDossierCode(agencyCode: string, localDate: string, sequence: number): string {
  if (!isAgencyCode(agencyCode)) throw new RangeError(`not an agency identifier code: ${agencyCode}`);
  const m = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${localDate}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be ≥ 1: ${sequence}`);
  return `${agencyCode}-${m[2]}${m[3]}${m[4]}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The one pattern of a dossier code, in its canonical (upper-case) form. The sequence has at least four
 * digits and more from the 10,000th dossier of a day; every check of a code goes through
 * `parseDossierCode` / `isDossierCode`, never a copy of this pattern.
 */
const DOSSIER_CODE = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

export interface DossierCodeParts {
  agencyCode: string;
  /** YYYY-MM-DD, assuming 20YY. */
  date: string;
  sequence: number;
}

export function parseDossierCode(code: string): DossierCodeParts | null {
  const m = DOSSIER_CODE.exec(code.trim().toUpperCase());
  if (!m || !isAgencyCode(m[1]!)) return null;
  return { agencyCode: m[1]!, date: `20${m[2]}-${m[3]}-${m[4]}`, sequence: Number(m[5]) };
}

/** Whether `code` (trimmed, any letter case) is a well-formed dossier code. */
export function isDossierCode(code: string): boolean {
  return parseDossierCode(code) !== null;
}

/**
 * The temporary reference (mã tạm) a citizen is given for an online submission until the desk accepts it and
 * the dossier gets its code: the first 8 hexadecimal digits of the dossier's random id, upper-case. Not unique
 * and short, so a lookup by it also asks something only the applicant knows (`publicDossierByReference`).
 */
export function temporaryReference(dossierId: string): string {
  return dossierId.slice(0, 8).toUpperCase();
}

/** Whether `text` (trimmed, any letter case) has the shape of a temporary reference. */
export function isTemporaryReference(text: string): boolean {
  return /^[0-9A-F]{8}$/i.test(text.trim());
}
