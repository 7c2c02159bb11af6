/**
 * Diacritic- and case-insensitive matching for Vietnamese: "xac nhan tinh trang hon nhan" finds
 * "Xác nhận tình trạng hôn nhân". Đ/đ are letters of their own, not accented D, so they are mapped
 * explicitly (NFD does not decompose them).
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a query, folded, without punctuation. */
export function queryTerms(q: string): string[] {
  return foldVietnamese(q)
    .replace(/[^a-z0-9. ]/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0);
}
