/** A publication decision's items as the editor holds them, and how each action is labelled. */
import type { ProcedureContent } from '../../../domain/catalogue/procedure';

export type Item =
  | { action: 'add' | 'amend'; procedureCode: string; content: ProcedureContent }
  | { action: 'abolish'; procedureCode: string; name: string };

export const ACTION: Record<Item['action'], { label: string; color: string }> = {
  add: { label: 'Thêm mới', color: 'green' },
  amend: { label: 'Sửa đổi, bổ sung', color: 'gold' },
  abolish: { label: 'Bãi bỏ', color: 'red' },
};
