/**
 * Typed application errors. Each has a stable code (for clients and logs) and a Vietnamese message
 * a user can act on. Routes throw them; the error handler in app.ts turns them into
 * `{ "error": { "code", "message", "details"? } }` with the given HTTP status.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  unauthenticated: () => new AppError(401, 'UNAUTHENTICATED', 'Bạn cần đăng nhập để tiếp tục.'),
  forbidden: (what = 'thực hiện thao tác này') =>
    new AppError(403, 'FORBIDDEN', `Tài khoản của bạn không có quyền ${what}.`),
  outOfScope: () =>
    new AppError(403, 'OUT_OF_SCOPE', 'Dữ liệu này thuộc cơ quan ngoài phạm vi quản lý của tài khoản bạn.'),
  notFound: (what: string) => new AppError(404, 'NOT_FOUND', `Không tìm thấy ${what}.`),
  conflict: (code: string, message: string) => new AppError(409, code, message),
  invalid: (code: string, message: string, details?: unknown) => new AppError(400, code, message, details),
  /** A period whose end comes before its start (one code for every report, register and list). */
  range: () =>
    new AppError(
      400,
      'RANGE_INVALID',
      'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu; hãy chọn lại khoảng thời gian.',
    ),
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A 400 VALIDATION_ERROR from Zod issues found outside a route schema, in the route-schema format. */
export function validationError(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  what: string,
): AppError {
  const details = issues.map((i) => ({ in: 'body', path: i.path.map(String), message: i.message }));
  return new AppError(
    400,
    'VALIDATION_ERROR',
    `${what}: ${details[0]?.message ?? 'kiểm tra lại các trường.'}`,
    details,
  );
}
