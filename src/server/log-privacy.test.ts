import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorSerializer, loggableUrl, maskPersonalData } from './log-privacy';
import { waitText } from './rate-limit';

describe('personal data kept out of the log', () => {
  it('masks ID numbers, phone numbers and e-mail addresses wherever they are in a URL', () => {
    assert.equal(loggableUrl('/api/v1/applicants/079190007788'), '/api/v1/applicants/***');
    assert.equal(loggableUrl('/x/123456789/y'), '/x/***/y', 'a 9-digit ID card number');
    assert.equal(loggableUrl('/x?procedureCode=0912345678'), '/x?procedureCode=***');
    assert.equal(loggableUrl('/x?ref=0912%20345%20678&n=1'), '/x?ref=***&n=1');
    assert.equal(loggableUrl('/x?ref=%2B84+912.345.678'), '/x?ref=***');
    assert.equal(loggableUrl('/x?ref=lan%40example.vn'), '/x?ref=***');
  });

  it('withholds the whole value of a free-text search or a personal identifier in the query', () => {
    assert.equal(
      loggableUrl('/api/v1/dossiers?q=Tr%C6%B0%C6%A1ng%20V%C4%83n%20B%C3%ACnh&limit=5'),
      '/api/v1/dossiers?q=***&limit=5',
    );
    assert.equal(loggableUrl('/api/v1/dev/messages?to=0909123456'), '/api/v1/dev/messages?to=***');
    assert.equal(loggableUrl('/x?%71=abc&Phone=1'), '/x?%71=***&Phone=***');
  });

  it('keeps dossier codes, dates, UUIDs and payment references as they are, so a request can be followed', () => {
    for (const url of [
      '/api/v1/public/dossiers/000.01.30.H29-261123-0001/fees',
      '/api/v1/dossiers?dueFrom=2026-11-23T00%3A00%3A00%2B07%3A00&limit=50&offset=100',
      '/api/v1/dossiers/3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b',
      '/api/v1/stats/processing?from=2026-01-01&to=2026-12-31',
      '/api/v1/queue/bookings/LH-23456789',
    ]) {
      assert.equal(loggableUrl(url), url);
    }
  });

  it('masks the parameters a failed query carries in the logged error, its cause included', () => {
    const cause = Object.assign(new Error('connection lost while reading 079190007788'), {
      code: 'ECONNRESET',
    });
    const err = Object.assign(
      new Error('Failed query: select * from dossiers where applicant_id_number = $1\nparams: 079190007788', {
        cause,
      }),
      { params: ['079190007788', 5], query: 'select 1' },
    );
    const out = errorSerializer(err);
    assert.ok(!JSON.stringify(out).includes('079190007788'), JSON.stringify(out));
    assert.equal(out.type, 'Error');
    assert.deepEqual(out.params, ['***', 5]);
    assert.equal((out.cause as { code: string }).code, 'ECONNRESET');
    assert.match(out.stack, /Failed query/);
    assert.equal(maskPersonalData('dossier 000.01.30.H29-261123-0001'), 'dossier 000.01.30.H29-261123-0001');
  });
});

describe('rate-limit wait', () => {
  it('says seconds up to a minute and a half, minutes beyond', () => {
    assert.deepEqual(
      [waitText(0.2), waitText(45), waitText(60), waitText(90.5), waitText(599)],
      ['1 giây', '45 giây', '60 giây', '2 phút', '10 phút'],
    );
  });
});
