// The authorization matrix (issue 16): every operation of the OpenAPI document × the ten kinds of user × things of
// the user's own agency or account (side A) and of another (side B). Who may reach each operation is written
// below as data; everyone else must be refused (401 without a session, else 401/403/404), and no refused or
// foreign answer may carry side B's private text. A route missing from the table fails the test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ACTORS,
  type Actor,
  buildWorld,
  type Cell,
  probe,
  renewFor,
  requestFor,
  type Side,
  type World,
} from '../support/authz';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

const ALL: readonly Actor[] = ACTORS;
const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous');
const CITIZENS: Actor[] = ['citizen', 'citizen2'];
/** Officers of Phường Sài Gòn (side A's agency). */
const OFFICERS: Actor[] = ['reception', 'specialist', 'leader', 'postal'];
const ADMINS: Actor[] = ['communeAdmin', 'provinceAdmin', 'systemAdmin'];
/** Province-wide: the province's administrator (its whole tree) and the system administrator. */
const PROVINCE: Actor[] = ['provinceAdmin', 'systemAdmin'];
const STAFF: Actor[] = [...OFFICERS, ...ADMINS];
/** Officers who work on dossiers' contents (the postal worker carries results; he does not read the file). */
const CASE_STAFF: Actor[] = ['reception', 'specialist', 'leader', ...ADMINS];
const DESK_LEAD: Actor[] = ['reception', 'leader', ...ADMINS];

/**
 * Who reaches each operation: on side A (own agency / own account) and on side B (another's). `B` omitted: the
 * same as A (the operation names no thing of a side, or the thing is shared). `any`: every answer is acceptable
 * (sign-in with made-up credentials, throttled public forms): only 5xx and leaks are checked there.
 */
interface Rule {
  A: readonly Actor[] | 'any';
  B?: readonly Actor[];
  /** Not probed, and why (still listed, so that a new route must be placed in the table). */
  skip?: string;
}
const only = (...actors: Actor[]) => actors;

const MATRIX: Record<string, Rule> = {
  'GET /api/v1/health': { A: ALL },
  'GET /api/v1/health/jobs': { A: ADMINS },
  'GET /api/v1/auth/me': { A: SIGNED_IN },
  'GET /api/v1/auth/session': { A: ALL },
  'GET /api/v1/accounts/me': { A: SIGNED_IN },
  'GET /api/v1/accounts/{id}/community-helper': { A: only('systemAdmin'), B: only('systemAdmin') },
  'GET /api/v1/agencies': { A: ALL },
  'GET /api/v1/agencies/{id}': { A: ALL, B: ALL },
  'GET /api/v1/users': { A: ADMINS },
  'GET /api/v1/users/{id}': { A: ADMINS, B: PROVINCE },
  'GET /api/v1/calendar/due': { A: ALL },
  'GET /api/v1/calendar/explain': { A: ALL },
  'GET /api/v1/calendar/days': { A: ALL },
  'GET /api/v1/calendar/official': { A: ALL },
  'GET /api/v1/fields': { A: ALL },
  'GET /api/v1/procedures': { A: ALL },
  'GET /api/v1/procedures/{code}': { A: ALL },
  'GET /api/v1/procedures/{code}/versions': { A: ALL },
  'GET /api/v1/procedures/{code}/versions/{versionNo}': { A: ALL },
  'GET /api/v1/procedures/{code}/compare': { A: ALL },
  'GET /api/v1/decisions': { A: ADMINS },
  'GET /api/v1/decisions/{id}': { A: ADMINS },
  'GET /api/v1/catalogue/export.xlsx': { A: ALL },
  'GET /api/v1/agencies/{id}/procedures': { A: ALL, B: ALL },
  'GET /api/v1/dossiers': { A: STAFF },
  'GET /api/v1/dossiers/{id}/assignees': { A: STAFF, B: PROVINCE },
  'GET /api/v1/dossiers/register': { A: STAFF },
  'GET /api/v1/dossiers/register.xlsx': { A: STAFF },
  // The printed register and the handover list belong to one agency's desk: the system administrator has none.
  'GET /api/v1/dossiers/register.pdf': {
    A: only('reception', 'specialist', 'leader', 'communeAdmin', 'provinceAdmin'),
  },
  // A lookup by ID number: any officer may ask; the leak check proves another commune's applicant is not told.
  'POST /api/v1/applicants/lookup': { A: STAFF, B: STAFF },
  'GET /api/v1/dossiers/frequent-procedures': { A: only('reception', 'postal') },
  'GET /api/v1/dossiers/{id}/messages': { A: STAFF, B: PROVINCE },
  'GET /api/v1/dossiers/worklists': { A: STAFF },
  'GET /api/v1/dossiers/{id}': { A: STAFF, B: PROVINCE },
  'GET /api/v1/dossiers/{id}/due-explanation': { A: STAFF, B: PROVINCE },
  'GET /api/v1/public/dossiers/{code}': { A: ALL, B: ALL },
  'GET /api/v1/dossiers/{id}/files': { A: CASE_STAFF, B: PROVINCE },
  'GET /api/v1/dossiers/{id}/files/{fileId}': { A: CASE_STAFF, B: PROVINCE },
  'GET /api/v1/dossiers/{id}/forms/{form}': { A: CASE_STAFF, B: PROVINCE },
  'GET /api/v1/dossiers/postal-handover': {
    A: only('reception', 'specialist', 'leader', 'communeAdmin', 'provinceAdmin'),
  },
  'GET /api/v1/dossiers/postal-handover.pdf': {
    A: only('reception', 'specialist', 'leader', 'communeAdmin', 'provinceAdmin'),
  },
  'GET /api/v1/procedures/{code}/workflow': { A: CASE_STAFF },
  'GET /api/v1/divisions/provinces': { A: ALL },
  'GET /api/v1/divisions/provinces/{code}/communes': { A: ALL },
  'GET /api/v1/files/{id}': { A: ALL, B: ALL },
  'GET /api/v1/drafts': { A: CITIZENS },
  'GET /api/v1/drafts/{id}': { A: only('citizen'), B: only('citizen2') },
  'GET /api/v1/drafts/{id}/files/{fileId}': { A: only('citizen'), B: only('citizen2') },
  'GET /api/v1/my/dossiers': { A: CITIZENS },
  // What the citizen last gave for themselves (ID number, birth date), to prefill the next submission.
  'GET /api/v1/my/applicant': { A: CITIZENS },
  'GET /api/v1/my/dossiers/{id}': { A: only('citizen'), B: only('citizen2') },
  'GET /api/v1/dossiers/{id}/fees': { A: only('citizen', ...STAFF), B: only('citizen2', ...PROVINCE) },
  'GET /api/v1/public/dossiers/{code}/fees': { A: ALL, B: ALL },
  'GET /api/v1/dossiers/{id}/rating': { A: only('citizen', ...STAFF), B: only('citizen2', ...PROVINCE) },
  'GET /api/v1/public/dossiers/{code}/rating': { A: ALL, B: ALL },
  'GET /api/v1/ratings/summary': { A: DESK_LEAD },
  'GET /api/v1/feedback': { A: CASE_STAFF },
  'GET /api/v1/public/feedback': { A: ALL },
  'GET /api/v1/public/feedback/{code}': { A: ALL, B: ALL },
  'GET /api/v1/queue/agencies/{code}/board': { A: ALL, B: ALL },
  'GET /api/v1/queue/agencies/{code}/stream': {
    A: ALL,
    skip: 'an answer that never ends (the board’s events)',
  },
  'GET /api/v1/queue/tickets/{id}': { A: ALL, B: ALL },
  'GET /api/v1/queue/agencies/{code}/slots': { A: ALL, B: ALL },
  'GET /api/v1/queue/bookings/{code}': { A: ALL, B: ALL },
  'GET /api/v1/queue/counters': { A: DESK_LEAD },
  'GET /api/v1/queue/my-counter': { A: DESK_LEAD },
  'GET /api/v1/queue/stats': { A: DESK_LEAD },
  'GET /api/v1/stats/processing': { A: CASE_STAFF },
  'GET /api/v1/stats/processing/dossiers': { A: CASE_STAFF },
  'GET /api/v1/stats/processing.xlsx': { A: CASE_STAFF },
  'GET /api/v1/stats/processing.pdf': { A: CASE_STAFF },
  'GET /api/v1/stats/scorecard': { A: CASE_STAFF },
  'GET /api/v1/stats/satisfaction': { A: CASE_STAFF },
  'GET /api/v1/stats/dashboard': { A: CASE_STAFF },
  'GET /api/v1/stats/consistency': { A: only('leader', ...ADMINS) },
  'GET /api/v1/public/transparency': { A: ALL },
  'GET /api/v1/dev/clock': {
    A: ALL,
    skip: 'development only: not registered in production (hardening.test.ts)',
  },
  'PUT /api/v1/dev/clock': {
    A: ALL,
    skip: 'development only: not registered in production (hardening.test.ts)',
  },
  'GET /api/v1/dev/messages': {
    A: ALL,
    skip: 'development only: not registered in production (hardening.test.ts)',
  },
  'POST /api/v1/auth/login': { A: 'any' },
  'POST /api/v1/accounts/login': { A: 'any' },
  'POST /api/v1/auth/change-password': { A: SIGNED_IN },
  'POST /api/v1/auth/logout': { A: ALL },
  'POST /api/v1/accounts/register': { A: ALL },
  'POST /api/v1/accounts/verify': { A: ALL },
  'POST /api/v1/accounts/verify/resend': { A: 'any' },
  'POST /api/v1/accounts/password/forgot': { A: 'any' },
  'POST /api/v1/accounts/password/reset': { A: ALL },
  'POST /api/v1/agencies': { A: ADMINS, B: PROVINCE },
  'POST /api/v1/users': { A: ADMINS, B: PROVINCE },
  // National data: the list of fields (lĩnh vực) is the system administrator's.
  'POST /api/v1/fields': { A: only('systemAdmin') },
  'PATCH /api/v1/fields/{code}': { A: only('systemAdmin') },
  // The province's catalogue: decisions announcing procedures, and the official calendar.
  'POST /api/v1/decisions': { A: PROVINCE },
  'POST /api/v1/decisions/{id}/publish': { A: PROVINCE },
  'POST /api/v1/decisions/import': { A: PROVINCE },
  'DELETE /api/v1/decisions/{id}': { A: PROVINCE },
  'PUT /api/v1/calendar/official/{year}': { A: PROVINCE },
  'DELETE /api/v1/calendar/official/{year}': { A: PROVINCE },
  // A form template is a file; linking it to a procedure's component is the catalogue's (province).
  'POST /api/v1/files/templates': { A: ADMINS },
  'POST /api/v1/dossiers': { A: only('reception'), B: [] },
  'POST /api/v1/dossiers/{id}/commands': { A: only('reception'), B: [] },
  'POST /api/v1/dossiers/{id}/files/reuse': { A: only('reception', 'specialist', 'leader'), B: [] },
  'POST /api/v1/dossiers/{id}/files': { A: CASE_STAFF, B: PROVINCE },
  'POST /api/v1/drafts/{id}/files': { A: only('citizen'), B: only('citizen2') },
  'POST /api/v1/drafts/{id}/submit': { A: only('citizen'), B: only('citizen2') },
  'PUT /api/v1/drafts/{id}': { A: only('citizen'), B: only('citizen2') },
  'DELETE /api/v1/drafts/{id}': { A: only('citizen'), B: only('citizen2') },
  'DELETE /api/v1/drafts/{id}/files/{fileId}': { A: only('citizen'), B: only('citizen2') },
  'POST /api/v1/my/dossiers/{id}/supplement': { A: only('citizen'), B: only('citizen2') },
  'POST /api/v1/dossiers/{id}/payments': { A: only('citizen', ...STAFF), B: only('citizen2', ...PROVINCE) },
  'POST /api/v1/public/dossiers/{code}/payments': { A: ALL, B: ALL },
  'POST /api/v1/payments/{id}/confirm': { A: only('reception'), B: [] },
  'POST /api/v1/payments/{id}/cancel': { A: only('reception'), B: [] },
  'POST /api/v1/payments/callback/{gateway}': { A: ALL },
  'POST /api/v1/dossiers/{id}/rating': { A: only('citizen'), B: only('citizen2') },
  'POST /api/v1/public/dossiers/{code}/rating': { A: 'any' },
  // A temporary reference with the phone's last four digits: throttled, unknown and mismatched answered alike.
  'POST /api/v1/public/dossiers/by-reference': { A: 'any' },
  'POST /api/v1/feedback': { A: ALL },
  'POST /api/v1/feedback/{id}/answer': { A: only('reception', 'leader'), B: [] },
  'POST /api/v1/feedback/{id}/publish': { A: only('reception', 'leader'), B: [] },
  'POST /api/v1/queue/agencies/{code}/tickets': { A: ALL, B: ALL },
  'POST /api/v1/queue/agencies/{code}/check-in': { A: 'any' },
  'POST /api/v1/queue/agencies/{code}/bookings': { A: 'any' },
  'POST /api/v1/queue/bookings/{code}/cancel': { A: ALL, B: ALL },
  'POST /api/v1/queue/counters': { A: ADMINS, B: PROVINCE },
  'PATCH /api/v1/queue/counters/{id}': { A: ADMINS, B: PROVINCE },
  'POST /api/v1/queue/counters/{id}/open': { A: only('reception'), B: [] },
  'POST /api/v1/queue/counters/{id}/close': { A: DESK_LEAD, B: PROVINCE },
  'POST /api/v1/queue/counters/{id}/call-next': { A: DESK_LEAD, B: PROVINCE },
  'POST /api/v1/queue/tickets/{id}/recall': { A: DESK_LEAD, B: PROVINCE },
  'POST /api/v1/queue/tickets/{id}/serve': { A: DESK_LEAD, B: PROVINCE },
  'POST /api/v1/queue/tickets/{id}/done': { A: DESK_LEAD, B: PROVINCE },
  'POST /api/v1/queue/tickets/{id}/skip': { A: DESK_LEAD, B: PROVINCE },
  'POST /api/v1/queue/tickets/{id}/transfer': { A: DESK_LEAD, B: PROVINCE },
  'POST /api/v1/queue/tickets/{id}/dossier': { A: only('reception'), B: [] },
  'POST /api/v1/stats/refresh': { A: ADMINS },
  'PUT /api/v1/stats/scorecard/inputs': { A: only('leader', ...ADMINS) },
  'PUT /api/v1/accounts/{id}/community-helper': { A: only('systemAdmin'), B: only('systemAdmin') },
  'PUT /api/v1/agencies/{id}/procedures': { A: ADMINS, B: PROVINCE },
  'PUT /api/v1/procedures/{code}/workflow': { A: ADMINS, B: PROVINCE },
  'PATCH /api/v1/accounts/me': { A: CITIZENS },
  'PATCH /api/v1/agencies/{id}': { A: ADMINS, B: PROVINCE },
  'PATCH /api/v1/users/{id}': { A: ADMINS, B: PROVINCE },
};

/** What each cell must be, as one line for the failure message. */
function judge(rule: Rule, side: Side, cells: Cell[]): string[] {
  const problems: string[] = [];
  if (rule.A === 'any') return problems;
  const allowed = new Set(side === 'A' ? rule.A : (rule.B ?? rule.A));
  let usedUp = false;
  for (const c of cells) {
    const where = `${c.actor} on ${side}: ${c.status} ${c.code ?? ''}`.trim();
    if (allowed.has(c.actor)) {
      // Reached; or the thing was used up by an earlier allowed caller (a draft submitted, a decision published).
      if (c.outcome !== 'reached' && !(c.outcome === 'hidden' && usedUp))
        problems.push(`${where} (should reach)`);
      if (c.status >= 200 && c.status < 300) usedUp = true;
    } else if (c.actor === 'anonymous' ? c.outcome !== 'login' : c.outcome === 'reached') {
      problems.push(`${where} (should be refused${c.actor === 'anonymous' ? ' with 401' : ''})`);
    }
  }
  return problems;
}

for (const backend of BACKENDS) {
  describe(`authorization matrix on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let world: World;
    before(async () => {
      s = await startTestServer(backend);
      world = await buildWorld(s);
    });
    after(() => s?.close());

    it('places every operation of the OpenAPI document in the matrix, and nothing else', () => {
      const documented = world.ops.map((o) => `${o.method} ${o.path}`).sort();
      const listed = Object.keys(MATRIX).sort();
      assert.deepEqual(
        documented.filter((k) => !MATRIX[k]),
        [],
        'operations missing from the matrix: say who may call them',
      );
      assert.deepEqual(
        listed.filter((k) => !documented.includes(k)),
        [],
        'matrix rows for operations that no longer exist',
      );
    });

    it('documents as public (`security: []`) exactly the operations an anonymous caller may reach', async () => {
      const doc = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      };
      const documentedPublic: string[] = [];
      for (const [path, methods] of Object.entries(doc.paths))
        for (const [method, op] of Object.entries(methods))
          if (Array.isArray(op.security) && op.security.length === 0)
            documentedPublic.push(`${method.toUpperCase()} ${path}`);
      const anonymous = Object.entries(MATRIX)
        .filter(([, rule]) => rule.A === 'any' || rule.A.includes('anonymous'))
        .map(([key]) => key);
      assert.deepEqual(documentedPublic.sort(), anonymous.sort());
    });

    it('lets each kind of user reach exactly the operations of its role, for its own agency or account', async (t) => {
      const problems: string[] = [];
      const leaks: string[] = [];
      let requests = 0;
      for (const op of world.ops) {
        const key = `${op.method} ${op.path}`;
        const rule = MATRIX[key];
        if (!rule || rule.skip) continue;
        await renewFor(op, world);
        // Side B is probed when the request differs: a thing of B in the path or the body.
        const differs =
          JSON.stringify(requestFor(op, world.A, world).url) !==
            JSON.stringify(requestFor(op, world.B, world).url) ||
          String(requestFor(op, world.A, world).payload) !== String(requestFor(op, world.B, world).payload);
        for (const side of differs ? (['A', 'B'] as const) : (['A'] as const)) {
          // Refused callers first, all at once (they change nothing); then the allowed ones one by one, so that
          // one of them using a thing up cannot hide a refusal.
          const allowed = new Set(rule.A === 'any' ? ACTORS : side === 'A' ? rule.A : (rule.B ?? rule.A));
          const refused = await Promise.all(
            ACTORS.filter((a) => !allowed.has(a)).map((a) => probe(s.app, world, op, a, side)),
          );
          const cells: Cell[] = [...refused];
          for (const actor of ACTORS.filter((a) => allowed.has(a)))
            cells.push(await probe(s.app, world, op, actor, side));
          for (const c of cells) {
            requests += 1;
            if (c.status >= 500)
              problems.push(`${key}: ${c.actor} on ${side}: ${c.status} ${c.body.slice(0, 200)}`);
            // Side B's private text never reaches a caller of A's agency or account (the province sees both).
            const mayReadB = PROVINCE.includes(c.actor) || c.actor === 'citizen2';
            if (!mayReadB && !key.includes('/public/')) {
              for (const secret of world.B.secrets)
                if (c.body.includes(secret)) leaks.push(`${key}: ${c.actor} on ${side} read “${secret}”`);
            }
          }
          for (const p of judge(rule, side, cells)) problems.push(`${key}: ${p}`);
        }
      }
      t.diagnostic(`${requests} requests to ${world.ops.length} operations`);
      assert.deepEqual(
        { leaks, problems },
        { leaks: [], problems: [] },
        'side B’s private data reached a caller of side A, or answers differ from the matrix',
      );
    });
  });
}
