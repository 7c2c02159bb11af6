import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer, fileTypeFromFile, fileTypeStream } from 'file-type';
import { AppError } from '../../errors';
import { type FileStorage, StorageMissingError } from '../../storage/storage';
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

/** An upload read whole into memory (a workbook to parse, never stored as a file). */
export interface Upload {
  name: string;
  /** The sniffed type. */
  mime: string;
  data: Buffer;
  sha256: string;
}

/** An upload already in the file storage under `key` (issue 18), waiting for its `files` row (`storeFiles`). */
export interface StoredUpload {
  id: string;
  key: string;
  name: string;
  /** The sniffed type. */
  mime: string;
  size: number;
  sha256: string;
}

/** An upload on the local disk while the request is checked: hashed and measured as it was written. */
interface Staged {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  path: string;
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
 * Writes one file part to `path`, hashing it on the way, or stops at the first byte past `max` (busboy truncates the
 * part there and the stream is destroyed): null when the file is over the limit. Chunks go to the disk as they
 * come; nothing of the file is held in memory.
 */
async function stageCapped(
  file: Readable & { truncated?: boolean },
  max: number,
  path: string,
): Promise<{ size: number; sha256: string } | null> {
  const hash = createHash('sha256');
  const out = createWriteStream(path, { flags: 'wx' });
  let size = 0;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Leaving the loop destroys the part's stream: busboy stops feeding it and the request is not read further.
      if (file.truncated || size > max) return null;
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    if (file.truncated) return null;
  } finally {
    out.end();
    await finished(out);
  }
  return { size, sha256: hash.digest('hex') };
}

/** Whether `policy` takes a file whose content is `found`, declared `declared`: the type to store it under. */
function acceptedType(found: string | undefined, declared: string, policy: UploadPolicy): string | undefined {
  if (!found) return undefined;
  if (found === COMPOUND) return policy.compound?.includes(declared) ? declared : undefined;
  return policy.types.includes(found) ? found : undefined;
}

/** The type to store a file under, from its content; undefined when the policy does not take it. */
export async function sniffedType(
  data: Buffer,
  declared: string,
  policy: UploadPolicy,
): Promise<string | undefined> {
  return acceptedType((await fileTypeFromBuffer(data))?.mime, declared, policy);
}

/**
 * Reads a multipart upload under `policy` onto the local disk (a directory of its own under the system's temporary
 * directory, removed by `discard`). Call it only after the caller may write to the target (the dossier, the
 * draft): the body is the last thing read. Every file is streamed with the policy's size cap (413 as soon as one
 * passes it), must not be empty (400), and must BE one of the policy's types by its content (415); text fields are
 * returned beside the files.
 */
async function stageUploads(
  req: FastifyRequest,
  policy: UploadPolicy,
): Promise<{ staged: Staged[]; fields: Record<string, string>; discard: () => Promise<void> }> {
  const staged: Staged[] = [];
  const fields: Record<string, string> = {};
  const dir = await mkdtemp(join(tmpdir(), 'motcua-upload-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  const parts = req.parts({ limits: { fileSize: policy.maxBytes, files: policy.maxFiles } });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const name = storedFileName(part.filename);
      const path = join(dir, String(staged.length));
      const written = await stageCapped(part.file, policy.maxBytes, path);
      if (!written) throw tooLarge(name, policy);
      if (written.size === 0) throw new AppError(400, 'FILE_EMPTY', `Tệp ${name} trống.`);
      const mime = acceptedType((await fileTypeFromFile(path))?.mime, part.mimetype, policy);
      if (!mime) {
        throw new AppError(
          415,
          'FILE_TYPE_NOT_ALLOWED',
          `Tệp ${name} không được nhận: chỉ nhận ${policy.kinds}, và nội dung tệp phải đúng loại đó (đổi tên hay đuôi tệp không đổi được loại tệp).`,
        );
      }
      staged.push({ name, mime, ...written, path });
    }
  } catch (err) {
    await discard();
    if ((err as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw new AppError(400, 'TOO_MANY_FILES', `Mỗi lần tải lên tối đa ${policy.maxFiles} tệp.`);
    }
    throw err;
  }
  return { staged, fields, discard };
}

/**
 * Reads a multipart upload under `policy` (see `stageUploads`) into memory, for content that is parsed and never
 * stored as a file (a catalogue workbook). Policies here are a few megabytes at most.
 */
export async function readUploads(
  req: FastifyRequest,
  policy: UploadPolicy,
): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  const { staged, fields, discard } = await stageUploads(req, policy);
  try {
    const files: Upload[] = [];
    for (const f of staged)
      files.push({ name: f.name, mime: f.mime, sha256: f.sha256, data: await readFile(f.path) });
    return { files, fields };
  } finally {
    await discard();
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Storage keys this request put (`receiveUploads`); those no `files` row names once it is answered are deleted. */
    storedKeys: string[] | null;
  }
}

/**
 * Reads a multipart upload under `policy` (checked as in `stageUploads`) and puts every file into the file storage
 * under a key of its own, streamed from the disk; answers them for `storeFiles`, which writes their rows in the
 * caller's transaction. Should that transaction not commit, the objects are deleted once the request is answered
 * (`collectUnstoredUploads` in store.ts).
 */
export async function receiveUploads(
  req: FastifyRequest,
  policy: UploadPolicy,
  storage: FileStorage,
): Promise<{ files: StoredUpload[]; fields: Record<string, string> }> {
  const { staged, fields, discard } = await stageUploads(req, policy);
  const files: StoredUpload[] = [];
  try {
    for (const f of staged) {
      const id = randomUUID();
      await storage.put(id, createReadStream(f.path), f.size);
      files.push({ id, key: id, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256 });
      req.storedKeys = [...(req.storedKeys ?? []), id];
    }
    return { files, fields };
  } finally {
    await discard();
  }
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
 * Sends a stored file, streamed from the file storage (or, for a file stored before issue 18 and not yet moved, from
 * its database row). The declared type is trusted only if the bytes still sniff as it (rows stored before uploads
 * were sniffed held the client's word): otherwise it goes out as `application/octet-stream`. It is a download
 * (`attachment`) unless the caller shows it in the browser (`inline: true`) AND it is a PDF or a picture; always
 * `nosniff`, and, except for an inline PDF (a sandboxed document cannot run Firefox's PDF viewer),
 * `Content-Security-Policy: sandbox` so that even a file a browser did render could run nothing.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  storage: FileStorage,
  f: { name: string; mime: string; size: number; data: Buffer | null; storageKey: string | null },
  opts: { inline?: boolean; cacheControl?: string } = {},
): Promise<FastifyReply> {
  let source: Readable;
  try {
    source = f.storageKey ? await storage.get(f.storageKey) : Readable.from([f.data ?? Buffer.alloc(0)]);
  } catch (e) {
    if (!(e instanceof StorageMissingError)) throw e;
    throw new AppError(
      503,
      'FILE_UNAVAILABLE',
      `Không đọc được tệp ${f.name} trong kho lưu trữ. Vui lòng thử lại sau hoặc báo quản trị hệ thống.`,
    );
  }
  // The first bytes are read to name the type; the stream still yields every byte.
  const body = await (
    fileTypeStream as unknown as (s: Readable) => Promise<Readable & { fileType?: { mime: string } }>
  )(source);
  const found = body.fileType?.mime;
  const trusted =
    found === f.mime || (found === COMPOUND && (OFFICE_COMPOUND as readonly string[]).includes(f.mime));
  const type = trusted ? f.mime : 'application/octet-stream';
  const inline = opts.inline === true && trusted && INLINE_SAFE.has(type);
  reply
    .header('content-type', type)
    .header('content-length', f.size)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', f.name))
    .header('x-content-type-options', 'nosniff');
  if (!(inline && type === 'application/pdf')) reply.header('content-security-policy', 'sandbox');
  if (opts.cacheControl) reply.header('cache-control', opts.cacheControl);
  return reply.send(body);
}
