import { z } from 'zod';
import { Password, Role, Username } from '../../../domain/identity/role';

const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(Role),
  agencyId: z.uuid().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof User>;

const Roles = z.array(Role).min(1, 'Hãy chọn ít nhất một vai trò.').max(6);
const Email = z
  .email('Thư điện tử không hợp lệ.')
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v ?? null);

export const UserInput = z.strictObject({
  username: Username,
  fullName: z.string().trim().min(1, 'Hãy nhập họ và tên.').max(150),
  password: Password,
  roles: Roles.transform((r) => [...new Set(r)]),
  agencyId: z.uuid('Cơ quan không hợp lệ.').nullable(),
  email: Email.optional(),
  phone: nullableText(30).optional(),
});
export type UserInput = z.infer<typeof UserInput>;

export const UserPatch = z.strictObject({
  fullName: z.string().trim().min(1, 'Hãy nhập họ và tên.').max(150).optional(),
  password: Password.optional(),
  roles: Roles.transform((r) => [...new Set(r)]).optional(),
  agencyId: z.uuid('Cơ quan không hợp lệ.').nullable().optional(),
  email: Email.optional(),
  phone: nullableText(30).optional(),
  active: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;

export const UserQuery = z.object({
  q: z.string().trim().max(100).optional(),
  agencyId: z.uuid().optional(),
  role: Role.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const UserList = z.object({ items: z.array(User), total: z.number().int() });
export const UserParams = z.object({ id: z.uuid('Mã người dùng không hợp lệ.') });
