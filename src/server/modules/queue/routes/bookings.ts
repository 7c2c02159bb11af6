import type { App } from '../../../app';
import { publicLookup } from '../../../rate-limit';
import { book, bookingByCode, cancelBooking, listSlots } from '../bookings';
import { BookingInput, BookingView, SlotsQuery, SlotsView } from '../queue.schema';
import { bookingView } from '../read/views';
import { agencyByCode } from '../shared';
import { codeParams, type QueueRoutes, tags } from './context';

/** Public: appointment slots, booking, looking a booking up and cancelling it by its code. */
export function bookingRoutes(app: App, { bookingLimit, limited }: QueueRoutes): void {
  const { database, clock, config } = app.deps;
  const calendars = app.calendar;

  app.get(
    '/queue/agencies/:code/slots',
    {
      schema: {
        tags,
        summary:
          'Các khung giờ còn nhận lịch hẹn của một lĩnh vực (theo giờ làm việc, lịch nghỉ lễ và sức chứa của các quầy)',
        params: codeParams,
        querystring: SlotsQuery,
        response: { 200: SlotsView },
      },
    },
    async (req) =>
      database.read(async (db) =>
        listSlots(db, calendars, await agencyByCode(db, req.params.code), clock.now(), req.query),
      ),
  );

  app.post(
    '/queue/agencies/:code/bookings',
    {
      schema: {
        tags,
        summary:
          'Đặt lịch hẹn đến làm thủ tục tại bộ phận một cửa (không bắt buộc đăng nhập; giới hạn số lần mỗi giờ)',
        params: codeParams,
        body: BookingInput,
        response: { 201: BookingView },
      },
    },
    async (req, reply) => {
      await limited(bookingLimit, req.ip, 'Đặt lịch');
      const now = clock.now();
      const userId = req.auth?.user.id ?? null;
      const b = await database.tx(async (db) =>
        book(db, calendars, await agencyByCode(db, req.params.code), now, userId, req.body),
      );
      return reply.status(201).send(await database.read((db) => bookingView(db, b, 'booker')));
    },
  );

  app.get(
    '/queue/bookings/:code',
    {
      config: publicLookup(config),
      schema: { tags, summary: 'Xem lịch hẹn theo mã', params: codeParams, response: { 200: BookingView } },
    },
    async (req) =>
      database.read(async (db) => bookingView(db, await bookingByCode(db, req.params.code), 'code-holder')),
  );

  app.post(
    '/queue/bookings/:code/cancel',
    {
      config: publicLookup(config),
      schema: {
        tags,
        summary: 'Hủy lịch hẹn (trả lại chỗ)',
        params: codeParams,
        response: { 200: BookingView },
      },
    },
    async (req) => {
      const b = await database.tx((db) => cancelBooking(db, clock.now(), req.params.code));
      return database.read((db) => bookingView(db, b, 'code-holder'));
    },
  );
}
