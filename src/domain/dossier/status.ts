import { z } from 'zod';

/**
 * The status vocabulary of the National Public Service Portal (DVCQG), used across Vietnamese
 * one-stop systems. Every dossier maps to exactly one code at every instant (derived from its events).
 */
export const DVCQG_STATUS = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
} as const;
export type StatusCode = keyof typeof DVCQG_STATUS;
export const StatusCode = z.union(
  (Object.keys(DVCQG_STATUS).map(Number) as StatusCode[]).map((n) => z.literal(n)) as unknown as [
    z.ZodLiteral<1>,
    z.ZodLiteral<2>,
    ...z.ZodLiteral<StatusCode>[],
  ],
);

/** Channels (kênh thực hiện) with their DVCQG numbers. */
export const DVCQG_CHANNEL = { counter: 1, online: 2, postal: 3 } as const;

export function statusName(code: StatusCode): string {
  return DVCQG_STATUS[code];
}

/** A status as the API shows it: its DVCQG code and name. */
export function statusOf(code: number): { code: number; name: string } {
  return { code, name: DVCQG_STATUS[code as StatusCode] };
}
