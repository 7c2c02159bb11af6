import type { MyApplicant } from '../../../contract';
import { type Address, formatAddress } from '../../../domain/geo/division';
import { ApiError } from '../../shared/api';
import { type AddressValue, eformData } from '../../shared/eform';
import type { ProcedureDetail } from '../../shared/types';
import type { Draft } from './draft';

export const STEPS = ['Cơ quan', 'Người nộp', 'Tờ khai', 'Giấy tờ', 'Nhận kết quả', 'Xem lại'] as const;
export const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'application/pdf': 'PDF',
};
export const DELIVERY: { value: Delivery; label: string }[] = [
  { value: 'counter', label: 'Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả' },
  { value: 'post', label: 'Gửi qua bưu chính công ích đến địa chỉ' },
  { value: 'home', label: 'Nhận tại nhà' },
  { value: 'online', label: 'Nhận kết quả điện tử trên Cổng dịch vụ công' },
];
export type Delivery = 'counter' | 'post' | 'home' | 'online';

/** What the submission form holds, across its steps. */
export interface Values {
  agencyCode?: string;
  onBehalf?: boolean;
  applicant?: {
    fullName?: string;
    idNumber?: string;
    dateOfBirth?: string;
    phone?: string;
    email?: string;
    address?: AddressValue;
  };
  formData?: Record<string, unknown>;
  delivery?: { method?: Delivery; address?: AddressValue };
}

const trimmed = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
export const isAddress = (a: AddressValue | undefined): a is Address => !!(a?.communeCode && a.provinceCode);
export const addressText = (a: AddressValue | undefined) =>
  a
    ? formatAddress({
        detail: a.detail ?? '',
        communeName: a.communeName ?? '',
        provinceName: a.provinceName ?? '',
      })
    : '';

/** What the server's intake reads, from what the form holds (empty answers left out). */
export function draftData(
  p: ProcedureDetail,
  v: Values,
  step: number,
  submitKey: string,
): Record<string, unknown> {
  const a = v.applicant ?? {};
  const method = v.delivery?.method;
  return {
    step,
    submitKey,
    onBehalf: v.onBehalf ?? false,
    applicant: Object.fromEntries(
      Object.entries({
        kind: 'citizen',
        fullName: trimmed(a.fullName),
        idNumber: trimmed(a.idNumber),
        dateOfBirth: trimmed(a.dateOfBirth),
        phone: trimmed(a.phone),
        email: trimmed(a.email),
        address: addressText(a.address),
      }).filter(([, x]) => x !== undefined),
    ),
    applicantAddress: a.address ?? null,
    formData: eformData(p.eform, v.formData),
    delivery: method
      ? {
          method,
          ...((method === 'post' || method === 'home') && isAddress(v.delivery?.address)
            ? { address: v.delivery!.address }
            : {}),
        }
      : null,
    deliveryAddress: v.delivery?.address ?? null,
  };
}

/** The form's values back from a saved draft. */
export function valuesOf(d: Draft): Values {
  const data = d.data as {
    onBehalf?: boolean;
    applicant?: Record<string, string>;
    applicantAddress?: AddressValue | null;
    formData?: Record<string, unknown>;
    delivery?: { method?: Delivery } | null;
    deliveryAddress?: AddressValue | null;
  };
  return {
    agencyCode: d.agencyCode ?? undefined,
    onBehalf: data.onBehalf ?? false,
    applicant: { ...(data.applicant ?? {}), address: data.applicantAddress ?? undefined },
    formData: data.formData ?? {},
    delivery: { method: data.delivery?.method, address: data.deliveryAddress ?? undefined },
  };
}

export const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/**
 * The applicant as the account knows them: name, phone and e-mail from the account, ID number and date of birth
 * as last given on a dossier the account submitted for itself (the account holds neither).
 */
export function ownApplicant(
  user: { fullName: string; phone?: string | null; email?: string | null },
  mine: MyApplicant | null,
): NonNullable<Values['applicant']> {
  return {
    fullName: user.fullName,
    phone: user.phone ?? undefined,
    email: user.email ?? undefined,
    idNumber: mine?.idNumber ?? undefined,
    dateOfBirth: mine?.dateOfBirth ?? undefined,
  };
}
