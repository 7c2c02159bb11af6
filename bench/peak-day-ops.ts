// The operations of `bench/peak-day.ts` (issue 18, "Measure"): what a province's morning sends to motcua, each
// operation as the autocannon requests one of its connections sends over and over, with the statistics kept
// per request kind.
import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';

export const SAIGON = '000.01.30.H29';

/** What the operations need from the database and from logging in, gathered once per cluster. */
export interface Fixtures {
  /** Session cookies (`motcua_session=…`) of the reception officer and of the citizen. */
  desk: string;
  citizen: string;
  /** Ids of dossiers the reception officer may open (received by Phường Sài Gòn). */
  dossierIds: string[];
  /** Applicants' names as the desk types them: a whole name, or its last two words. */
  names: string[];
  /** Dossier codes for the anonymous lookup. */
  codes: string[];
  /** Fields the kiosk of Phường Sài Gòn issues tickets for today. */
  fieldCodes: string[];
}

/**
 * Dossiers the counter accepted and nobody has moved yet: the intake operation adds each one it makes, the
 * command operation forwards each one once (reception → specialist). When none is left, the command sends the
 * last forward again with its Idempotency-Key, as a double click would (counted in `replays`).
 */
export class FreshDossiers {
  private readonly ids: string[] = [];
  private last: string | null = null;
  replays = 0;
  forwarded = 0;
  add(id: string): void {
    this.ids.push(id);
  }
  get size(): number {
    return this.ids.length;
  }
  /** The next dossier to forward, and whether it is a replay of the last one. */
  take(): { id: string; replay: boolean } | null {
    const id = this.ids.shift();
    if (id) {
      this.last = id;
      this.forwarded++;
      return { id, replay: false };
    }
    if (!this.last) return null;
    this.replays++;
    return { id: this.last, replay: true };
  }
  resetCounts(): void {
    this.replays = 0;
    this.forwarded = 0;
  }
}

/** Latencies and failures of one kind of request during one measured period. */
export class Tally {
  readonly times: number[] = [];
  non2xx = 0;
  /** Connection errors and timeouts (autocannon's `errors` of the operation). */
  errors = 0;
  /** The first refused answer: its status and the start of its body, to say why. */
  firstFailure: string | null = null;
  record(ms: number): void {
    this.times.push(ms);
  }
  refused(status: number, body: string): void {
    this.non2xx++;
    if (!this.firstFailure) this.firstFailure = `${status} ${body.slice(0, 300)}`;
  }
}

export interface Summary {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  firstFailure: string | null;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(t: Tally, seconds: number): Summary {
  const sorted = Float64Array.from(t.times).sort();
  const arr = Array.from(sorted);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    requests: t.times.length,
    perSecond: round(t.times.length / seconds),
    p50: round(percentile(arr, 50)),
    p95: round(percentile(arr, 95)),
    p99: round(percentile(arr, 99)),
    non2xx: t.non2xx,
    errors: t.errors,
    firstFailure: t.firstFailure,
  };
}

/** Who sends it; the thresholds of "highest rate sustained" are on desk operations and public tracking. */
export type Actor = 'desk' | 'citizen' | 'public' | 'kiosk';

/** One kind of request of an operation, named in the report. */
export interface Step {
  label: string;
  request: autocannon.Request;
}

export interface Operation {
  name: string;
  actor: Actor;
  /** Share of the connections (relative). */
  weight: number;
  steps: Step[];
}

/** Many citizens behind one balancer: a pool of addresses, one chosen per request (X-Forwarded-For). */
const ADDRESSES = Number(process.env.PEAK_ADDRESSES ?? 50_000);
function citizenAddress(): string {
  const i = Math.floor(Math.random() * ADDRESSES);
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255 || 1}`;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

type Setup = (req: autocannon.Request, context: Record<string, unknown>) => autocannon.Request;

/** A request whose headers carry a fresh X-Forwarded-For (and the cookie), with `change` applied. */
function varied(
  base: autocannon.Request,
  cookie: string | null,
  change: (context: Record<string, unknown>) => Partial<autocannon.Request> = () => ({}),
): autocannon.Request {
  const setup: Setup = (req, context) => {
    const more = change(context);
    return {
      ...req,
      ...more,
      headers: {
        ...req.headers,
        ...(more.headers ?? {}),
        ...(cookie ? { cookie } : {}),
        'x-forwarded-for': citizenAddress(),
      },
    };
  };
  return { ...base, setupRequest: setup as autocannon.Request['setupRequest'] };
}

const JSON_BODY = { 'content-type': 'application/json' };

/** Giấy xác nhận tình trạng hôn nhân (1.004873), as `bench/intake-http.ts` posts it at the counter. */
const INTAKE_COMPONENTS = [
  {
    name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu',
    received: true,
    originalSeen: true,
  },
  {
    name: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (giấy tờ tùy thân) để chứng minh về nhân thân',
    received: true,
    originalSeen: true,
  },
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Thu'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dung',
  'Giang',
  'Hà',
  'Hải',
  'Hoa',
  'Hùng',
  'Lan',
  'Long',
  'Mai',
  'Nam',
];
let serial = 0;
function person(): { fullName: string; idNumber: string; phone: string } {
  serial++;
  return {
    fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
    idNumber: String(79_200_000_000 + ((Date.now() + serial * 7919) % 99_999_999)).padStart(12, '0'),
    phone: `09${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`,
  };
}

/** The id of the dossier in a DossierView answer (its first key), without parsing the whole answer. */
function viewId(body: string): string | null {
  const m = /"id":"([0-9a-f-]{36})"/.exec(body.slice(0, 200));
  if (m) return m[1]!;
  try {
    return (JSON.parse(body) as { id?: string }).id ?? null;
  } catch {
    return null;
  }
}

/** The desk's worklist as DossiersPage asks for it: a page of 50, mostly "Tất cả", sometimes a tab. */
const WORKLISTS = [undefined, undefined, undefined, 'check', 'due-soon', 'overdue', 'to-return'];

export function operations(f: Fixtures, fresh: FreshDossiers): Operation[] {
  const onlineAddress = {
    detail: '8 Nguyễn Huệ',
    provinceCode: '79',
    provinceName: 'Thành phố Hồ Chí Minh',
    communeCode: '26734',
    communeName: 'Phường Sài Gòn',
  };
  return [
    {
      name: 'desk worklist',
      actor: 'desk',
      weight: 14,
      steps: [
        {
          label: 'desk worklist',
          request: varied({ method: 'GET', path: '/api/v1/dossiers?limit=50&offset=0' }, f.desk, () => {
            const list = pick(WORKLISTS);
            return { path: `/api/v1/dossiers?limit=50&offset=0${list ? `&list=${list}` : ''}` };
          }),
        },
      ],
    },
    {
      name: 'desk search by name',
      actor: 'desk',
      weight: 10,
      steps: [
        {
          label: 'desk search by name',
          request: varied({ method: 'GET', path: '/api/v1/dossiers' }, f.desk, () => ({
            path: `/api/v1/dossiers?q=${encodeURIComponent(pick(f.names))}&limit=50&offset=0`,
          })),
        },
      ],
    },
    {
      name: 'dossier view',
      actor: 'desk',
      weight: 14,
      steps: [
        {
          label: 'dossier view',
          request: varied({ method: 'GET', path: '/api/v1/dossiers' }, f.desk, () => ({
            path: `/api/v1/dossiers/${pick(f.dossierIds)}`,
          })),
        },
      ],
    },
    {
      name: 'command (forward)',
      actor: 'desk',
      weight: 6,
      steps: [
        {
          label: 'command (forward)',
          request: varied(
            { method: 'POST', path: '/api/v1/dossiers', headers: JSON_BODY, body: '{"action":"forward"}' },
            f.desk,
            () => {
              const next = fresh.take();
              // Nothing made yet at all (only before the first intake): a view of a seeded dossier instead.
              if (!next) return { method: 'GET', path: `/api/v1/dossiers/${pick(f.dossierIds)}`, body: '' };
              return {
                method: 'POST',
                path: `/api/v1/dossiers/${next.id}/commands`,
                headers: { 'idempotency-key': `peak-forward-${next.id}` },
              };
            },
          ),
        },
      ],
    },
    {
      name: 'counter intake',
      actor: 'desk',
      weight: 8,
      steps: [
        {
          label: 'counter intake',
          request: {
            ...varied({ method: 'POST', path: '/api/v1/dossiers', headers: JSON_BODY }, f.desk, () => ({
              body: JSON.stringify({
                procedureCode: '1.004873',
                channel: 'counter',
                decision: 'accept',
                applicant: { kind: 'citizen', ...person(), address: '12 Lê Lợi, Phường Sài Gòn' },
                formData: {},
                components: INTAKE_COMPONENTS,
              }),
            })),
            onResponse: (status: number, body: string) => {
              if (status === 201) {
                const id = viewId(body);
                if (id) fresh.add(id);
              }
            },
          },
        },
      ],
    },
    {
      name: 'online submission',
      actor: 'citizen',
      weight: 6,
      steps: [
        {
          label: 'online: save draft',
          request: varied({ method: 'PUT', path: '/api/v1/drafts', headers: JSON_BODY }, f.citizen, (ctx) => {
            const id = randomUUID();
            ctx.draft = id;
            const p = person();
            return {
              path: `/api/v1/drafts/${id}`,
              body: JSON.stringify({
                procedureCode: '1.004873',
                agencyCode: SAIGON,
                data: {
                  applicant: { kind: 'citizen', ...p },
                  formData: {
                    nguoiYeuCauHoTen: p.fullName,
                    quanHe: 'Bản thân',
                    hoTen: p.fullName,
                    ngaySinh: '1990-08-15',
                    gioiTinh: 'Nữ',
                    danToc: 'Kinh',
                    quocTich: 'Việt Nam',
                    soDinhDanh: p.idNumber,
                    noiCuTru: onlineAddress,
                    tinhTrangHonNhan: 'Chưa đăng ký kết hôn với ai',
                    mucDich: 'Để đăng ký kết hôn',
                  },
                  delivery: { method: 'online' },
                },
              }),
            };
          }),
        },
        {
          label: 'online: submit',
          request: varied(
            { method: 'POST', path: '/api/v1/drafts', headers: JSON_BODY, body: '{}' },
            f.citizen,
            (ctx) => ({
              path: `/api/v1/drafts/${String(ctx.draft)}/submit`,
              headers: { 'idempotency-key': `peak-submit-${String(ctx.draft)}` },
            }),
          ),
        },
      ],
    },
    {
      name: 'public tracking',
      actor: 'public',
      weight: 30,
      steps: [
        {
          label: 'public tracking',
          request: varied({ method: 'GET', path: '/api/v1/public/dossiers' }, null, () => ({
            path: `/api/v1/public/dossiers/${encodeURIComponent(pick(f.codes))}`,
          })),
        },
      ],
    },
    {
      name: 'kiosk ticket',
      actor: 'kiosk',
      weight: 12,
      steps: [
        {
          label: 'kiosk ticket',
          request: varied(
            { method: 'POST', path: `/api/v1/queue/agencies/${SAIGON}/tickets`, headers: JSON_BODY },
            null,
            () => ({
              body: JSON.stringify({ fieldCode: pick(f.fieldCodes), priority: Math.random() < 0.05 }),
            }),
          ),
        },
      ],
    },
  ];
}

/**
 * Splits `total` connections among the operations by weight (largest remainder), at least one each: with
 * fewer connections than operations, each operation still gets its one.
 */
export function connectionsFor(ops: readonly Operation[], total: number): number[] {
  const w = ops.reduce((s, o) => s + o.weight, 0);
  const ideal = ops.map((o) => (o.weight / w) * total);
  const n = ideal.map((x) => Math.max(1, Math.floor(x)));
  let sum = n.reduce((s, x) => s + x, 0);
  const order = (sign: 1 | -1) =>
    ideal
      .map((x, i) => ({ i, r: x - n[i]! }))
      .filter((e) => sign === 1 || n[e.i]! > 1)
      .sort((a, b) => sign * (b.r - a.r));
  while (sum < total) {
    n[order(1)[0]!.i]!++;
    sum++;
  }
  while (sum > total) {
    const e = order(-1)[0];
    if (!e) break;
    n[e.i]!--;
    sum--;
  }
  return n;
}
