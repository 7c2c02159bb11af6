import { z } from 'zod';
import { Agency, AgencyCode, AgencyLevel, OfficeHours } from '../../../domain/agency/agency';

const Text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const AgencyInput = z.strictObject({
  parentId: z.uuid('Cơ quan cấp trên không hợp lệ.').nullable(),
  code: AgencyCode,
  name: Text(200, 'Hãy nhập tên cơ quan.'),
  level: AgencyLevel,
  address: z.string().trim().max(300).default(''),
  phone: OptionalText(30),
  email: z
    .email('Thư điện tử không hợp lệ.')
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  officeHours: OfficeHours.optional(),
  active: z.boolean().default(true),
});
export type AgencyInput = z.infer<typeof AgencyInput>;

export const AgencyPatch = AgencyInput.partial().strict();
export type AgencyPatch = z.infer<typeof AgencyPatch>;

export const AgencyList = z.object({ items: z.array(Agency) });
export const AgencyParams = z.object({ id: z.uuid('Mã cơ quan không hợp lệ.') });
export { Agency };
