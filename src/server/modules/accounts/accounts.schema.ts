import { z } from 'zod';

/**
 * Shapes only (types, lengths, required fields → 400 VALIDATION_ERROR). The rules in rules.ts
 * (mobile number, tax code check digit, e-mail, password confirmation) are applied by the service
 * and answer 422 with the same `details[{in, path, message}]`, so the form can show them by field.
 */
const text = (max: number, required: string) => z.string().trim().min(1, required).max(max);
const Secret = z.string().max(200, 'Mật khẩu quá dài (tối đa 200 ký tự).');
const Channel = z.enum(['sms', 'email']).default('sms');

export const RegisterBody = z.discriminatedUnion('accountKind', [
  z.strictObject({
    accountKind: z.literal('person'),
    fullName: text(150, 'Hãy nhập họ và tên.'),
    phone: z.string().max(30),
    email: z.string().trim().max(200).optional(),
    password: Secret,
    confirmPassword: Secret,
    channel: Channel,
  }),
  z.strictObject({
    accountKind: z.literal('organisation'),
    organisationName: text(250, 'Hãy nhập tên tổ chức.'),
    taxCode: z.string().max(30),
    phone: z.string().max(30),
    email: z.string().trim().max(200).optional(),
    password: Secret,
    confirmPassword: Secret,
    channel: Channel,
  }),
]);
export type RegisterBody = z.infer<typeof RegisterBody>;

/**
 * The answer to a code request, built from the request alone: it is the same whether or not the number
 * has an account (decision 0012), so it says where a code goes *if* there is one to send.
 */
export const CodeSent = z.object({
  /** The phone number asked about, normalised, to carry to the verification screen. */
  phone: z.string(),
  channel: z.enum(['sms', 'email']),
  /**
   * Masked address: "0912•••678", or on registration by e-mail the address typed ("ng•••@example.vn");
   * a code asked again by e-mail says "thư điện tử của tài khoản" (the account's address is not shown).
   */
  sentTo: z.string(),
  /**
   * False when the messaging channel failed on registration; the user can ask again at once. A code
   * asked again ("Gửi lại mã", "Quên mật khẩu?") is sent after the answer, which is always true.
   */
  sent: z.boolean(),
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});
export type CodeSent = z.infer<typeof CodeSent>;

export const PhoneBody = z.strictObject({
  phone: z.string().max(30),
  channel: Channel,
});

export const VerifyBody = z.strictObject({
  phone: z.string().max(30),
  code: z.string().trim().max(20),
});

export const ResetBody = z.strictObject({
  phone: z.string().max(30),
  code: z.string().trim().max(20),
  newPassword: Secret,
  confirmPassword: Secret,
});

export const AccountLoginBody = z.strictObject({
  /** A mobile number (any common spelling) or a username. */
  login: text(100, 'Hãy nhập số điện thoại hoặc tên đăng nhập.'),
  password: z.string().min(1, 'Hãy nhập mật khẩu.').max(200),
});

/** The signed-in account with its portal attributes (the submit page offers "nộp thay" to helpers). */
export const Account = z.object({
  id: z.uuid(),
  username: z.string(),
  accountKind: z.enum(['person', 'organisation']),
  fullName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  taxCode: z.string().nullable(),
  communityHelper: z.boolean(),
  verified: z.boolean(),
  roles: z.array(z.string()),
});
export type Account = z.infer<typeof Account>;

export const AccountPatch = z.strictObject({
  fullName: text(250, 'Hãy nhập họ và tên.').optional(),
  email: z.string().trim().max(200).nullable().optional(),
});

export const HelperParams = z.object({ id: z.uuid('Mã người dùng không hợp lệ.') });
export const HelperState = z.object({ id: z.uuid(), communityHelper: z.boolean() });
export const HelperBody = z.strictObject({ communityHelper: z.boolean() });
