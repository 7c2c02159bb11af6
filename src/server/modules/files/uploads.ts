import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors';
import { storedFileName } from '../../text-input';

/** What a portal upload may be: a phone photo or a scan. Shown to the applicant before they upload. */
export const UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
const ALLOWED = new Set<string>(UPLOAD_TYPES);

export interface Upload {
  name: string;
  mime: string;
  data: Buffer;
  sha256: string;
}

/**
 * Reads a citizen's multipart upload: every file checked for type and size with a message they can act
 * on (415, 400, 413), text fields returned beside them. Nothing is stored here.
 */
export async function readUploads(
  req: FastifyRequest,
): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  const files: Upload[] = [];
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const data = await part.toBuffer();
    if (!ALLOWED.has(part.mimetype)) {
      throw new AppError(
        415,
        'FILE_TYPE_NOT_ALLOWED',
        `Tệp ${part.filename}: chỉ nhận ảnh chụp (JPEG, PNG, WebP, HEIC) hoặc tệp PDF.`,
      );
    }
    if (data.length === 0) throw new AppError(400, 'FILE_EMPTY', `Tệp ${part.filename} trống.`);
    if (data.length > UPLOAD_MAX_BYTES) {
      throw new AppError(
        413,
        'PAYLOAD_TOO_LARGE',
        `Tệp ${part.filename} quá lớn (tối đa ${UPLOAD_MAX_BYTES / 1024 / 1024} MB); hãy chụp lại với độ phân giải thấp hơn.`,
      );
    }
    files.push({
      name: storedFileName(part.filename),
      mime: part.mimetype,
      data,
      sha256: createHash('sha256').update(data).digest('hex'),
    });
  }
  return { files, fields };
}
