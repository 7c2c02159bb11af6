import { z } from 'zod';
import type { App } from '../../app';
import { AppError, errors } from '../../errors';
import { MEDIA } from '../../openapi';
import { localDate } from '../../time';
import { requireRole } from '../auth/auth.plugin';
import type { AuthUser } from '../auth/auth.service';
import { registerRows } from '../dossiers/register';
import { agencyHeader, formInput, logFormPrinted } from './form-input';
import { type FormKind, renderForm } from './forms';
import { postalRows, renderPostalHandovers } from './postal';
import { PostalHandover } from './postal.schema';

const STAFF = ['reception', 'specialist', 'leader', 'admin'] as const;
const FORM_SLUGS = {
  receipt: 'receipt',
  'supplement-request': 'supplementRequest',
  refusal: 'refusal',
  apology: 'apology',
  'stop-notice': 'stopNotice',
  'control-slip': 'controlSlip',
} as const satisfies Record<string, FormKind>;

/** Printable forms of a dossier and the desk's register, as PDF. */
export async function dossierFormsRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const calendars = app.calendar;
  const baseUrl = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;

  app.get(
    '/dossiers/:id/forms/:form',
    {
      schema: {
        tags: ['Hồ sơ'],
        produces: [MEDIA.pdf],
        summary:
          'In phiếu của hồ sơ (PDF, A5): receipt.pdf, supplement-request.pdf, refusal.pdf, apology.pdf, stop-notice.pdf, control-slip.pdf — đánh số mẫu theo chế độ pháp lý khi tiếp nhận',
        params: z.object({
          id: z.uuid(),
          form: z.enum(Object.keys(FORM_SLUGS).map((k) => `${k}.pdf`) as [string, ...string[]], {
            message: 'Phiếu không tồn tại.',
          }),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, STAFF, 'in phiếu của hồ sơ');
      const kind = FORM_SLUGS[req.params.form.replace(/\.pdf$/, '') as keyof typeof FORM_SLUGS];
      const now = clock.now();
      const input = await database.read((db) =>
        formInput(db, calendars, actor, req.params.id, kind, now, baseUrl(req)),
      );
      const pdf = await renderForm(input);
      await database.tx((db) => logFormPrinted(db, actor, now, req.params.id, kind));
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${req.params.form.replace('.pdf', '')}-${input.kind === 'register' ? '' : (input.data.code ?? 'ho-so')}.pdf"`,
        )
        .send(pdf);
    },
  );

  app.get(
    '/dossiers/register.pdf',
    {
      schema: {
        tags: ['Hồ sơ'],
        summary: 'In sổ theo dõi hồ sơ (PDF, A4 ngang)',
        produces: [MEDIA.pdf],
        querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, STAFF, 'in sổ theo dõi hồ sơ');
      if (!actor.agency) throw errors.forbidden('in sổ theo dõi khi không thuộc cơ quan nào');
      const now = clock.now();
      const { rows, header } = await database.read(async (db) => ({
        rows: await registerRows(db, actor, req.query.from, req.query.to),
        header: await agencyHeader(db, actor.agency!.id),
      }));
      const pdf = await renderForm({
        kind: 'register',
        data: {
          regime: localDate(now) >= '2025-07-01' ? '2025' : '2018',
          agency: header.agency,
          printedAt: now.toISOString(),
          from: req.query.from,
          to: req.query.to,
          rows,
        },
      });
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `inline; filename="so-theo-doi-ho-so-${req.query.from}-${req.query.to}.pdf"`,
        )
        .send(pdf);
    },
  );

  /** The day of the hand-over; the JSON view defaults to today (the server's clock) when no date is given. */
  const PostalQuery = z.object({ date: z.iso.date('Ngày phải có dạng YYYY-MM-DD.').optional() });
  const postalGroups = async (actor: AuthUser, date: string) => {
    if (!actor.agency) throw errors.forbidden('giao kết quả qua bưu chính khi không thuộc cơ quan nào');
    return database.read(async (db) => ({
      groups: await postalRows(db, actor.agency!.id, date),
      header: await agencyHeader(db, actor.agency!.id),
    }));
  };

  app.get(
    '/dossiers/postal-handover',
    {
      schema: {
        tags: ['Hồ sơ'],
        summary: 'Kết quả đã giao cho bưu chính trong một ngày, theo nhân viên bưu chính',
        querystring: PostalQuery,
        response: { 200: PostalHandover },
      },
    },
    async (req) => {
      const actor = requireRole(req, STAFF, 'xem kết quả giao qua bưu chính');
      const date = req.query.date ?? localDate(clock.now());
      const { groups } = await postalGroups(actor, date);
      return { date, groups };
    },
  );

  app.get(
    '/dossiers/postal-handover.pdf',
    {
      schema: {
        tags: ['Hồ sơ'],
        summary: 'In biên bản giao nhận kết quả qua dịch vụ bưu chính công ích (PDF, A4)',
        produces: [MEDIA.pdf],
        querystring: PostalQuery,
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, STAFF, 'in biên bản giao nhận qua bưu chính');
      const date = req.query.date ?? localDate(clock.now());
      const { groups, header } = await postalGroups(actor, date);
      if (groups.length === 0) {
        throw new AppError(
          404,
          'NO_POSTAL_RETURNS',
          `Ngày ${date.split('-').reverse().join('/')} chưa có kết quả nào giao cho bưu chính.`,
        );
      }
      const pdf = await renderPostalHandovers(
        groups.map((g) => ({
          agency: header.agency,
          date,
          printedAt: clock.now().toISOString(),
          officer: g.officer,
          courier: g.courier,
          rows: g.rows,
        })),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="bien-ban-giao-buu-chinh-${date}.pdf"`)
        .send(pdf);
    },
  );
}
