// The authorization matrix (issue 16): every operation of the OpenAPI document, sent as every kind of user, for
// things of the user's own agency (or own account) and for things of another, and each answer classified as
// "reached the handler" or "refused". tests/integration/authz-matrix.test.ts holds the expected answers as data.
import { randomUUID } from 'node:crypto';
import type { App } from '../../src/server/app';
import { users } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { hashPassword } from '../../src/server/modules/auth/password';
import { JPEG, PDF } from './files';
import { type OpenApiDocument, type Operation, operationsOf, Pools, plausible, Rng } from './fuzz';
import { Client } from './http';
import { multipart } from './multipart';
import { ADMIN_PASSWORD, type TestServer } from './server';

/** Who calls: the ten kinds of user of the issue. Staff of a commune belong to Phường Sài Gòn (scope A). */
export const ACTORS = [
  'anonymous',
  'citizen',
  'citizen2',
  'reception',
  'specialist',
  'leader',
  'postal',
  'communeAdmin',
  'provinceAdmin',
  'systemAdmin',
] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * The two sides every request is made for: A is Phường Sài Gòn and the citizen `congdan` (the commune staff's
 * own agency, the citizen's own dossiers); B is Phường Bến Thành and a second citizen (foreign to both).
 */
export type Side = 'A' | 'B';

/** How an answer is read: the handler was reached, or the caller was refused (not signed in, forbidden, hidden). */
export type Outcome = 'reached' | 'login' | 'forbidden' | 'hidden';

export interface Cell {
  actor: Actor;
  side: Side;
  status: number;
  code: string | null;
  outcome: Outcome;
  body: string;
}

const SAIGON = '000.01.30.H29';
const BENTHANH = '000.02.30.H29';

/** The things of one side, by the names path parameters and body fields use. */
export interface SideThings {
  agencyId: string;
  agencyCode: string;
  dossierId: string;
  dossierCode: string;
  dossierFileId: string;
  draftId: string;
  draftFileId: string;
  /** A staff member of the agency (not one of the callers). */
  userId: string;
  /** The side's citizen account. */
  accountId: string;
  counterId: string;
  ticketId: string;
  bookingCode: string;
  paymentId: string;
  feedbackId: string;
  feedbackCode: string;
  /** A form template file (public). */
  templateId?: string;
  /** The procedure's workflow as the server shows it (a valid body to save it again). */
  workflow?: unknown;
  /** A catalogue decision (province-wide: the same on both sides). */
  decisionId?: string;
  /** Makes the side's things an operation may use up (submit a draft, serve a ticket, cancel a booking) anew. */
  renew: Record<'draft' | 'ticket' | 'booking', () => Promise<void>>;
  /** Text only the side's callers may read (the applicant's name, the dossier's id): a leak check. */
  secrets: string[];
}

export interface World {
  sessions: Map<Actor, string | null>;
  /** Who each actor signs in as, to sign in again after an operation that ends the session. */
  logins: Map<Actor, [string, string]>;
  A: SideThings;
  B: SideThings;
  ops: Operation[];
  /** `METHOD /path` of the operations that take a multipart upload. */
  multipartOps: Set<string>;
}

let kiosks = 0;

async function inject(
  app: App,
  method: string,
  url: string,
  cookie: string | null,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  // Each setup request comes from a kiosk of its own, so the public limits (bookings an hour per address) that
  // the matrix itself runs into never refuse the setup.
  kiosks += 1;
  return app.inject({
    method: method as 'GET',
    url,
    remoteAddress: `10.99.${(kiosks >> 8) & 255}.${kiosks & 255}`,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
}

async function call<T>(
  app: App,
  method: string,
  url: string,
  cookie: string | null,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const r = await inject(app, method, url, cookie, payload, headers);
  if (r.statusCode >= 300)
    throw new Error(`authz world: ${method} ${url} answered ${r.statusCode} ${r.body}`);
  return (r.body ? r.json() : null) as T;
}

async function login(app: App, username: string, password: string): Promise<string> {
  const c = await new Client(app).login(username, password);
  if (!c.cookie) throw new Error(`authz world: login ${username} set no session`);
  return c.cookie;
}

/** Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (1.004873), filled for `name`. */
function marriageStatusForm(name: string, idNumber: string, communeCode: string, communeName: string) {
  const address = {
    detail: '8 Nguyễn Huệ',
    provinceCode: '79',
    provinceName: 'Thành phố Hồ Chí Minh',
    communeCode,
    communeName,
  };
  return {
    applicant: { kind: 'citizen', fullName: name, idNumber, phone: '0909765432' },
    formData: {
      nguoiYeuCauHoTen: name,
      quanHe: 'Bản thân',
      hoTen: name,
      ngaySinh: '1990-08-15',
      gioiTinh: 'Nữ',
      danToc: 'Kinh',
      quocTich: 'Việt Nam',
      soDinhDanh: idNumber,
      noiCuTru: address,
      tinhTrangHonNhan: 'Chưa đăng ký kết hôn với ai',
      mucDich: 'Để đăng ký kết hôn',
    },
    delivery: { method: 'counter' },
  };
}

/** The accounts, and on each side a dossier submitted online and accepted, a draft, a counter, a ticket… */
export async function buildWorld(s: TestServer): Promise<World> {
  const app = s.app;
  // A second citizen, as registration would leave it (verified).
  const now = new Date();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await s.database.tx(async (db) => {
    await db.insert(users).values({
      username: '0987654321',
      fullName: 'Trịnh Văn Khoa',
      phone: '0987654321',
      passwordHash,
      roles: ['citizen'],
      agencyId: null,
      verifiedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  });

  const sessions = new Map<Actor, string | null>();
  const logins = new Map<Actor, [string, string]>([
    ['provinceAdmin', ['quantri', DEMO_PASSWORD]],
    ['systemAdmin', ['admin', ADMIN_PASSWORD]],
  ]);
  sessions.set('anonymous', null);
  sessions.set('provinceAdmin', await login(app, 'quantri', DEMO_PASSWORD));
  sessions.set('systemAdmin', await login(app, 'admin', ADMIN_PASSWORD));
  const { items: agencies } = await call<{ items: { id: string; code: string }[] }>(
    app,
    'GET',
    '/api/v1/agencies/',
    sessions.get('systemAdmin') as string,
  );
  const agencyId = (code: string) => {
    const a = agencies.find((x) => x.code === code);
    if (!a) throw new Error(`authz world: no agency ${code}`);
    return a.id;
  };
  // A commune administrator of Phường Sài Gòn, made by the province's administrator.
  await call(app, 'POST', '/api/v1/users/', sessions.get('provinceAdmin') as string, {
    username: 'quantri.phuong.saigon',
    fullName: 'Ngô Thị Bích',
    password: DEMO_PASSWORD,
    roles: ['admin'],
    agencyId: agencyId(SAIGON),
  });
  for (const [actor, username] of [
    ['citizen', 'congdan'],
    ['citizen2', '0987654321'],
    ['reception', 'tiepnhan'],
    ['specialist', 'chuyenvien'],
    ['leader', 'lanhdao'],
    ['postal', 'buudien'],
    ['communeAdmin', 'quantri.phuong.saigon'],
  ] as const) {
    sessions.set(actor, await login(app, username, DEMO_PASSWORD));
    logins.set(actor, [username, DEMO_PASSWORD]);
  }
  const deskB = await login(app, 'tiepnhan.benthanh', DEMO_PASSWORD);

  const side = async (
    citizen: string,
    desk: string,
    code: string,
    name: string,
    idNumber: string,
    commune: [string, string],
  ): Promise<SideThings> => {
    const me = await call<{ id: string }>(app, 'GET', '/api/v1/auth/me', citizen);
    const procedure = await call<{ components: { name: string }[] }>(
      app,
      'GET',
      '/api/v1/procedures/1.004873',
      citizen,
    );
    const component = procedure.components[0]!.name;
    const draft = async () => {
      const id = randomUUID();
      await call(app, 'PUT', `/api/v1/drafts/${id}`, citizen, {
        procedureCode: '1.004873',
        agencyCode: code,
        data: marriageStatusForm(name, idNumber, ...commune),
      });
      const m = multipart({}, { name: 'file', filename: 'giay-to.jpg', type: 'image/jpeg', data: JPEG });
      const up = await app.inject({
        method: 'POST',
        url: `/api/v1/drafts/${id}/files?component=${encodeURIComponent(component)}`,
        payload: m.payload,
        headers: { ...m.headers, cookie: citizen },
      });
      if (up.statusCode !== 201) throw new Error(`authz world: draft file: ${up.statusCode} ${up.body}`);
      return { id, fileId: up.json<{ files: { fileId: string }[] }>().files[0]!.fileId };
    };
    const submitted = await draft();
    const { dossier } = await call<{ dossier: { id: string } }>(
      app,
      'POST',
      `/api/v1/drafts/${submitted.id}/submit`,
      citizen,
      {},
      { 'idempotency-key': randomUUID() },
    );
    const accepted = await call<{ code: string; files: { fileId: string }[] }>(
      app,
      'POST',
      `/api/v1/dossiers/${dossier.id}/commands`,
      desk,
      { action: 'accept' },
    );
    const open = await draft();
    const agencyIdOf = agencyId(code);
    const staff = await call<
      { items: { id: string; username: string }[] } | { id: string; username: string }[]
    >(app, 'GET', `/api/v1/users/?agencyId=${agencyIdOf}`, sessions.get('systemAdmin') as string);
    const staffList = Array.isArray(staff) ? staff : staff.items;
    const officer = staffList.find(
      (u) => u.username === (code === SAIGON ? 'chuyenvien' : 'tiepnhan.benthanh'),
    );
    if (!officer) throw new Error(`authz world: no officer at ${code}`);
    const counter = await call<{ id: string }>(
      app,
      'POST',
      '/api/v1/queue/counters',
      sessions.get('provinceAdmin') as string,
      {
        agencyId: agencyIdOf,
        number: 9,
        name: 'Quầy 9',
        fieldCodes: ['HT'],
        appointmentCapacity: 2,
      },
    );
    const newTicket = async () =>
      (
        await call<{ id: string }>(app, 'POST', `/api/v1/queue/agencies/${code}/tickets`, null, {
          fieldCode: 'HT',
          priority: false,
        })
      ).id;
    const newBooking = async () => {
      const { days } = await call<{ days: { slots: { start: string; left: number }[] }[] }>(
        app,
        'GET',
        `/api/v1/queue/agencies/${code}/slots?field=HT&days=7`,
        null,
      );
      const slot = days.flatMap((d) => d.slots).find((x) => x.left > 0);
      if (!slot) throw new Error(`authz world: no free slot at ${code}`);
      return (
        await call<{ code: string }>(app, 'POST', `/api/v1/queue/agencies/${code}/bookings`, null, {
          fieldCode: 'HT',
          slotStart: slot.start,
          name,
          phone: '0912000111',
        })
      ).code;
    };
    const fees = await call<{ payments: { id: string }[] }>(
      app,
      'POST',
      `/api/v1/dossiers/${dossier.id}/payments`,
      desk,
      { lines: [{ index: 0, amountVnd: 20_000 }] },
    );
    const feedback = await call<{ id?: string; code: string }>(app, 'POST', '/api/v1/feedback', citizen, {
      kind: 'recommendation',
      agencyCode: code,
      procedureCode: '1.004873',
      title: 'Đề nghị niêm yết rõ lệ phí',
      content: `Đề nghị ${code} niêm yết lệ phí tại quầy.`,
    });
    const listed = await call<{ items: { id: string; code: string }[] }>(
      app,
      'GET',
      `/api/v1/feedback?agencyId=${agencyIdOf}`,
      sessions.get('systemAdmin') as string,
    );
    const feedbackId = listed.items.find((f) => f.code === feedback.code)?.id;
    if (!feedbackId) throw new Error(`authz world: feedback ${feedback.code} not listed`);
    const things: SideThings = {
      agencyId: agencyIdOf,
      agencyCode: code,
      dossierId: dossier.id,
      dossierCode: accepted.code,
      dossierFileId: accepted.files?.[0]?.fileId ?? submitted.fileId,
      draftId: open.id,
      draftFileId: open.fileId,
      userId: officer.id,
      accountId: me.id,
      counterId: counter.id,
      ticketId: await newTicket(),
      bookingCode: await newBooking(),
      paymentId: fees.payments[0]!.id,
      feedbackId,
      feedbackCode: feedback.code,
      secrets: [dossier.id, name, idNumber],
      renew: {
        draft: async () => {
          const d = await draft();
          things.draftId = d.id;
          things.draftFileId = d.fileId;
        },
        ticket: async () => {
          things.ticketId = await newTicket();
        },
        booking: async () => {
          things.bookingCode = await newBooking();
        },
      },
    };
    return things;
  };
  const A = await side(
    sessions.get('citizen') as string,
    sessions.get('reception') as string,
    SAIGON,
    'Đặng Thị Mai',
    '079190004321',
    ['26734', 'Phường Sài Gòn'],
  );
  const B = await side(
    sessions.get('citizen2') as string,
    deskB,
    BENTHANH,
    'Trịnh Văn Khoa',
    '079085001234',
    ['26737', 'Phường Bến Thành'],
  );
  const doc = await call<OpenApiDocument>(app, 'GET', '/api/openapi.json', null);
  // A draft decision (effective in 2030, so that publishing it changes nothing the requests use).
  const { items: procedures } = await call<{ items: { code: string }[] }>(
    app,
    'GET',
    '/api/v1/procedures',
    null,
  );
  const spare = procedures.map((p) => p.code).find((c) => c !== '1.004873' && c !== '1.004194');
  const { id: decisionId } = await call<{ id: string }>(
    app,
    'POST',
    '/api/v1/decisions',
    sessions.get('provinceAdmin') as string,
    {
      number: '99/QĐ-UBND',
      signedOn: '2026-11-20',
      effectiveOn: '2030-01-01',
      issuer: 'Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh',
      items: [{ action: 'abolish', procedureCode: spare }],
    },
  );
  A.decisionId = decisionId;
  B.decisionId = decisionId;
  // A form template (served to anyone at /files/{id}).
  const t = multipart({}, { name: 'file', filename: 'to-khai.pdf', type: 'application/pdf', data: PDF });
  const template = await app.inject({
    method: 'POST',
    url: '/api/v1/files/templates',
    payload: t.payload,
    headers: { ...t.headers, cookie: sessions.get('provinceAdmin') as string },
  });
  if (template.statusCode !== 201)
    throw new Error(`authz world: template: ${template.statusCode} ${template.body}`);
  A.templateId = B.templateId = template.json<{ id: string }>().id;
  const workflow = await call<{ workflow: unknown }>(
    app,
    'GET',
    '/api/v1/procedures/1.004873/workflow',
    sessions.get('provinceAdmin') as string,
  );
  A.workflow = B.workflow = workflow.workflow;
  const multipartOps = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item as Record<string, { requestBody?: { content?: object } }>))
      if (op.requestBody?.content && 'multipart/form-data' in op.requestBody.content)
        multipartOps.add(`${method.toUpperCase()} ${path}`);
  return { sessions, logins, A, B, ops: operationsOf(doc), multipartOps };
}

/** Whether `op` names a thing of one side in its path (a dossier, a draft, an agency…), not a shared one. */
export function takesSideThing(op: Operation): boolean {
  return [...op.path.matchAll(/\{([^}]+)\}/g)].some((m) => SIDE_KEYS.has(paramKey(op.path, m[1] as string)));
}

function paramKey(path: string, name: string): string {
  const before = path.slice(0, path.indexOf(`{${name}}`));
  return `${before.replace(/\/$/, '').split('/').pop()}/${name}`;
}

const SIDE_KEYS = new Set([
  'dossiers/id',
  'files/fileId',
  'drafts/id',
  'agencies/id',
  'agencies/code',
  'users/id',
  'accounts/id',
  'counters/id',
  'tickets/id',
  'bookings/code',
  'payments/id',
  'feedback/id',
  'feedback/code',
  'dossiers/code',
]);

/** The value of path parameter `name` of `path` on one side. */
export function pathParam(path: string, name: string, t: SideThings): string {
  const before = path.slice(0, path.indexOf(`{${name}}`));
  const collection = before.replace(/\/$/, '').split('/').pop();
  const key = `${collection}/${name}`;
  const values: Record<string, string> = {
    'dossiers/id': t.dossierId,
    'files/fileId': before.includes('/drafts/') ? t.draftFileId : t.dossierFileId,
    'drafts/id': t.draftId,
    'agencies/id': t.agencyId,
    'agencies/code': t.agencyCode,
    'users/id': t.userId,
    'accounts/id': t.accountId,
    'counters/id': t.counterId,
    'tickets/id': t.ticketId,
    'bookings/code': t.bookingCode,
    'payments/id': t.paymentId,
    'feedback/id': t.feedbackId,
    'feedback/code': t.feedbackCode,
    'dossiers/code': t.dossierCode,
    'files/id': t.templateId ?? '',
    'decisions/id': t.decisionId ?? '',
  };
  const v = values[key];
  if (v !== undefined) return v;
  const shared: Record<string, string> = {
    'procedures/code': '1.004873',
    'versions/versionNo': '1',
    'official/year': '2027',
    'provinces/code': '79',
    'fields/code': 'HT',
    'callback/gateway': 'vnpay',
  };
  const w = shared[key];
  if (w !== undefined) return w;
  throw new Error(`authz: no value for {${name}} in ${path} (add it to pathParam)`);
}

/** Bodies the schema alone cannot make valid (cross-field rules, real references), by operation. */
const BODIES: Record<string, (t: SideThings) => unknown> = {
  'POST /api/v1/agencies': (t) => ({
    parentId: t.agencyId,
    code: t.agencyCode === SAIGON ? '001.01.30.H29' : '001.02.30.H29',
    name: 'Tổ tiếp nhận lưu động',
    level: 'commune',
  }),
  'POST /api/v1/feedback/{id}/answer': () => ({
    answer: 'Ủy ban đã niêm yết mức lệ phí tại quầy tiếp nhận.',
  }),
  'POST /api/v1/feedback/{id}/publish': () => ({ published: true }),
  'PUT /api/v1/procedures/{code}/workflow': (t) => ({ agencyCode: t.agencyCode, workflow: t.workflow }),
  'PUT /api/v1/calendar/official/{year}': () => ({
    decision: 'Thông báo 01/TB-BNV ngày 01/10/2026',
    daysOff: ['2027-01-01', '2027-04-30', '2027-05-01', '2027-09-02'],
    workingDays: [],
  }),
  'POST /api/v1/queue/counters': (t) => ({ agencyId: t.agencyId, number: 20, name: 'Quầy 20' }),
  'POST /api/v1/queue/tickets/{id}/dossier': (t) => ({ dossierId: t.dossierId }),
  'POST /api/v1/users': (t) => ({
    username: `moi.${t.agencyCode.slice(4, 6)}.${randomUUID().slice(0, 6)}`,
    fullName: 'Lý Thị Thu',
    password: DEMO_PASSWORD,
    roles: ['reception'],
    agencyId: t.agencyId,
  }),
};

/** The request for `op` on `side`: real things in the path and body, a plausible rest from the schema. */
export function requestFor(op: Operation, t: SideThings, world: World) {
  const pools = new Pools();
  pools.record('/authz', {
    procedureCode: '1.004873',
    fieldCode: 'HT',
    field: 'HT',
    agencyId: t.agencyId,
    agencyCode: t.agencyCode,
    dossierId: t.dossierId,
    dossierCode: t.dossierCode,
    idNumber: t.secrets[2] ?? '',
    year: '2027',
  });
  const p = { rng: new Rng(7), pools, full: false };
  let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const prm = op.params.find((x) => x.in === 'path' && x.name === name);
    const value = prm?.schema.enum ? String(prm.schema.enum[0]) : pathParam(op.path, name, t);
    return encodeURIComponent(value);
  });
  const qs = op.params
    .filter((x) => x.in === 'query' && x.required)
    .map((x) => `${x.name}=${encodeURIComponent(String(plausible(x.schema, x.name, p)))}`)
    .join('&');
  if (qs) url += `?${qs}`;
  const key = `${op.method} ${op.path}`;
  let headers: Record<string, string> = {};
  for (const prm of op.params) if (prm.in === 'header') headers[prm.name] = `authz-${randomUUID()}`;
  let payload: string | Buffer | undefined;
  if (world.multipartOps.has(key)) {
    const m = multipart({}, { name: 'file', filename: 'giay-to.pdf', type: 'application/pdf', data: PDF });
    payload = m.payload;
    headers = { ...headers, ...m.headers };
  } else if (op.body) {
    payload = JSON.stringify(BODIES[key]?.(t) ?? plausible(op.body, '', p));
    headers['content-type'] = 'application/json';
  }
  return { method: op.method, url, headers, payload };
}

/** Before `op` is probed: the things it may use up are made anew on both sides. */
export async function renewFor(op: Operation, world: World): Promise<void> {
  const kinds = [
    ['/drafts/{id}', 'draft'],
    ['/queue/tickets/{id}', 'ticket'],
    ['/queue/bookings/{code}', 'booking'],
  ] as const;
  for (const [part, kind] of kinds) {
    if (!op.path.includes(part)) continue;
    await world.A.renew[kind]();
    await world.B.renew[kind]();
  }
}

/** Sends `op` as `actor` for `side` and reads the answer. */
export async function probe(app: App, world: World, op: Operation, actor: Actor, side: Side): Promise<Cell> {
  const req = requestFor(op, world[side], world);
  const credentials = world.logins.get(actor);
  // Signing out is tried on a session of its own, so the actor's session lives on.
  const cookie =
    op.endsSession && credentials ? await login(app, ...credentials) : (world.sessions.get(actor) ?? null);
  const r = await app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers: { ...req.headers, ...(cookie ? { cookie } : {}) },
    ...(req.payload === undefined ? {} : { payload: req.payload }),
  });
  let code: string | null = null;
  try {
    code = (r.json() as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    code = null;
  }
  // A 404 hides a thing of the side; for a shared one (a procedure code, a year) it is the handler's answer.
  const hides = r.statusCode === 404 && takesSideThing(op);
  const outcome: Outcome =
    r.statusCode === 401 ? 'login' : r.statusCode === 403 ? 'forbidden' : hides ? 'hidden' : 'reached';
  return { actor, side, status: r.statusCode, code, outcome, body: r.body };
}
