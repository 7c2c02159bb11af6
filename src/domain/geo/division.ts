import { z } from 'zod';

/**
 * An administrative division (đơn vị hành chính) of the two-level system in force since 1 July 2025
 * (Resolution 202/2025/QH15 and the Standing Committee's resolutions on each province's communes):
 * 34 provinces (tỉnh, thành phố trực thuộc trung ương) and their communes (xã, phường, đặc khu).
 * Codes are the General Statistics Office codes (mã đơn vị hành chính): 2 digits for a province,
 * 5 for a commune.
 */
export const Division = z.object({
  code: z.string().regex(/^\d{2}(\d{3})?$/),
  /** The full name as written in an address: "Phường Sài Gòn", "Tỉnh Cao Bằng", "Thành phố Hà Nội". */
  name: z.string(),
});
export type Division = z.infer<typeof Division>;

export const DivisionList = z.object({ items: z.array(Division) });
export type DivisionList = z.infer<typeof DivisionList>;

/** An address as an applicant writes it: the street detail, then the commune and province it lies in. */
export const Address = z.object({
  detail: z.string().trim().max(300).default(''),
  communeCode: z.string().regex(/^\d{5}$/),
  communeName: z.string(),
  provinceCode: z.string().regex(/^\d{2}$/),
  provinceName: z.string(),
});
export type Address = z.infer<typeof Address>;

/** "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh": the way an address is printed on forms. */
export function formatAddress(a: Pick<Address, 'detail' | 'communeName' | 'provinceName'>): string {
  return [a.detail.trim(), a.communeName, a.provinceName].filter((s) => s.length > 0).join(', ');
}

/** A province's name as written in an address: the data lists provinces without "Tỉnh". */
export function provinceFullName(name: string, placeType: string): string {
  if (/^(Thành phố|Tỉnh)\s/.test(name)) return name;
  return placeType === 'Tỉnh' ? `Tỉnh ${name}` : `Thành phố ${name}`;
}
