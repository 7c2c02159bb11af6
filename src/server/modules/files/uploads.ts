import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../errors';
import { storedFileName } from '../../text-input';

/**
 * What one upload route takes. The type of a file is what its content is (sniffed with file-type), never what
 * the client declares: an HTML page named `to-khai.pdf` and declared `application/pdf` is refused.
 */
export interface UploadPolicy {
  /** MIME types accepted, as file-type names them from the content; the stored type is the sniffed one. */
  types: readonly string[];
  /** The accepted kinds in the words of the refusal: "chỉ nhận {kinds}". */
  kinds: string;
  /** Bytes per file; reading stops as soon as a file passes it. */
  maxBytes: number;
  /** Files per request. */
  maxFiles: number;
  /**
   * Declared types accepted for an OLE2 compound file (old Word .doc, Excel .xls), which file-type can only
   * name `application/x-cfb`: such a file is stored under its declared type when that is one of these.
   */
  compound?: readonly string[];
}

/** file-type's name for an OLE2 compound file (.doc, .xls, .msi alike). */
const COMPOUND = 'application/x-cfb';
/** The declared types an OLE2 compound file may be stored under (old Word and Excel documents). */
export const OFFICE_COMPOUND = ['application/msword', 'application/vnd.ms-excel'] as const;

/** What a portal upload may be: a phone photo or a scan. Shown to the applicant before they upload. */
export const UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
] as const;
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** Files in one multipart request, whatever the route (a request is refused past it, not truncated). */
export const UPLOAD_MAX_FILES_PER_REQUEST = 10;

/** A citizen's photos and scans (drafts, supplements). */
export const PORTAL_UPLOADS: UploadPolicy = {
  types: UPLOAD_TYPES,
  kinds: 'ảnh chụp (JPEG, PNG, WebP, HEIC) hoặc tệp PDF',
  maxBytes: UPLOAD_MAX_BYTES,
  maxFiles: UPLOAD_MAX_FILES_PER_REQUEST,
};

export interface Upload {
  name: string;
  /** The sniffed type. */
  mime: string;
  data: Buffer;
  sha256: string;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function tooLarge(name: string, policy: UploadPolicy): AppError {
  return new AppError(
    413,
    'PAYLOAD_TOO_LARGE',
    `Tệp ${name} quá lớn (tối đa ${mb(policy.maxBytes)} mỗi tệp); hãy chụp hoặc quét lại với độ phân giải thấp hơn, hoặc tách thành nhiều tệp.`,
  );
}

/**
 * Reads one file part to the end, or stops at the first byte past `max` (busboy truncates the part there and
 * the stream is destroyed): null when the file is over the limit. Nothing past the limit is held in memory.
 */
async function readCapped(file: Readable & { truncated?: boolean }, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Leaving the loop destroys the part's stream: busboy stops feeding it and the request is not read further.
    if (file.truncated || size > max) return null;
    chunks.push(chunk);
  }
  if (file.truncated) return null;
  return Buffer.concat(chunks, size);
}

/** The type to store a file under, from its content; undefined when the policy does not take it. */
export async function sniffedType(
  data: Buffer,
  declared: string,
  policy: UploadPolicy,
): Promise<string | undefined> {
  const found = (await fileTypeFromBuffer(data))?.mime;
  if (!found) return undefined;
  if (found === COMPOUND) return policy.compound?.includes(declared) ? declared : undefined;
  return policy.types.includes(found) ? found : undefined;
}

/**
 * Reads a multipart upload under `policy`. Call it only after the caller may write to the target (the dossier,
 * the draft): the body is the last thing read. Every file is streamed with the policy's size cap (413 as soon as
 * one passes it), must not be empty (400), and must BE one of the policy's types by its content (415); text
 * fields are returned beside the files. Nothing is stored here.
 */
export async function readUploads(
  req: FastifyRequest,
  policy: UploadPolicy,
): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  const files: Upload[] = [];
  const fields: Record<string, string> = {};
  const parts = req.parts({ limits: { fileSize: policy.maxBytes, files: policy.maxFiles } });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const name = storedFileName(part.filename);
      const data = await readCapped(part.file, policy.maxBytes);
      if (!data) throw tooLarge(name, policy);
      if (data.length === 0) throw new AppError(400, 'FILE_EMPTY', `Tệp ${name} trống.`);
      const mime = await sniffedType(data, part.mimetype, policy);
      if (!mime) {
        throw new AppError(
          415,
          'FILE_TYPE_NOT_ALLOWED',
          `Tệp ${name} không được nhận: chỉ nhận ${policy.kinds}, và nội dung tệp phải đúng loại đó (đổi tên hay đuôi tệp không đổi được loại tệp).`,
        );
      }
      files.push({ name, mime, data, sha256: createHash('sha256').update(data).digest('hex') });
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw new AppError(400, 'TOO_MANY_FILES', `Mỗi lần tải lên tối đa ${policy.maxFiles} tệp.`);
    }
    throw err;
  }
  return { files, fields };
}

/** Types a browser shows itself without running anything from the file: the only ones ever served inline. */
const INLINE_SAFE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

/** RFC 5987 `ext-value` (UTF-8, percent-encoded attr-chars): keeps a Vietnamese name whole. */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An ASCII name for clients that ignore `filename*`: diacritics dropped, anything unsafe replaced. */
function asciiName(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\w.\- ]/g, '_') || 'tep'
  );
}

/** `attachment` or `inline`, with the name in both forms (RFC 6266 §4.3). */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  return `${kind}; filename="${asciiName(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}

/**
 * Sends a stored file. The declared type is trusted only if the bytes still sniff as it (rows stored before
 * uploads were sniffed held the client's word): otherwise it goes out as `application/octet-stream`. It is a
 * download (`attachment`) unless the caller shows it in the browser (`inline: true`) AND it is a PDF or a
 * picture; always `nosniff`, and, except for an inline PDF (a sandboxed document cannot run Firefox's PDF
 * viewer), `Content-Security-Policy: sandbox` so that even a file a browser did render could run nothing.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  f: { name: string; mime: string; data: Buffer },
  opts: { inline?: boolean; cacheControl?: string } = {},
): Promise<FastifyReply> {
  const found = (await fileTypeFromBuffer(f.data))?.mime;
  const trusted =
    found === f.mime || (found === COMPOUND && (OFFICE_COMPOUND as readonly string[]).includes(f.mime));
  const type = trusted ? f.mime : 'application/octet-stream';
  const inline = opts.inline === true && trusted && INLINE_SAFE.has(type);
  reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', f.name))
    .header('x-content-type-options', 'nosniff');
  if (!(inline && type === 'application/pdf')) reply.header('content-security-policy', 'sandbox');
  if (opts.cacheControl) reply.header('cache-control', opts.cacheControl);
  return reply.send(f.data);
}
