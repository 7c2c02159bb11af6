/**
 * Electronic identifier code of an agency (mã định danh điện tử), QCVN 102:2016/BTTTT
 * (Circular 10/2016/TT-BTTTT): `V1V2V3.Z1Z2.Y1Y2.MX1X2`, e.g. `000.00.00.H29` for a level-1 agency
 * (a province's People's Committee), `000.00.12.H29` level 2, `000.23.41.H29` level 3,
 * `123.23.41.H29` level 4. M is a capital letter (G: central bodies, H: provinces, …), X1X2 two digits.
 * The code is printed in every dossier code (mã hồ sơ), so administrators must enter the real code.
 */
const AGENCY_CODE = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;

export interface AgencyCodeParts {
  level4: string;
  level3: string;
  level2: string;
  level1: string;
  /** 1 for a top-level agency … 4 for the deepest unit, from the trailing zero groups. */
  depth: 1 | 2 | 3 | 4;
}

export function parseAgencyCode(code: string): AgencyCodeParts | null {
  const m = AGENCY_CODE.exec(code);
  if (!m) return null;
  const [, v, z, y, mx] = m as unknown as [string, string, string, string, string];
  const depth = v !== '000' ? 4 : z !== '00' ? 3 : y !== '00' ? 2 : 1;
  // A deeper group set while a shallower one is empty is not a valid code (e.g. 000.05.00.H29).
  if (depth >= 3 && y === '00') return null;
  if (depth === 4 && z === '00') return null;
  return { level4: v, level3: z, level2: y, level1: mx, depth };
}

export function isAgencyCode(code: string): boolean {
  return parseAgencyCode(code) !== null;
}
