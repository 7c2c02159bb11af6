import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AGENCY_LEVEL_LABELS_VI } from '../../domain/agency/agency';
import { api } from '../shared/api';
import { Button, Icon, Spinner } from '../shared/lite';
import { Section } from '../shared/Section';
import type { Agency, AgencyList } from '../shared/types';

/** The portal's front page: find a procedure, submit online, track a dossier, where to go. Built without antd. */
export function HomePage() {
  const navigate = useNavigate();
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  useEffect(() => {
    void api.get<AgencyList>('/api/v1/agencies').then((r) => setAgencies(r.items));
  }, []);
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
    navigate(q ? `/thu-tuc?q=${encodeURIComponent(q)}` : '/thu-tuc');
  };
  return (
    <div>
      {/* The header names the portal; its title for screen readers and the page outline. */}
      <h1 className="sr-only">Cổng dịch vụ công — Một cửa điện tử</h1>
      <Section title={<span style={{ fontSize: '1.25em' }}>Tra cứu thủ tục</span>} style={{ marginTop: 0 }}>
        <search>
          <form className="lite-search" onSubmit={search}>
            <input
              name="q"
              type="search"
              placeholder="Ví dụ: khai sinh, xac nhan tinh trang hon nhan, 1.001193"
              aria-label="Tìm thủ tục hành chính"
            />
            <Button type="primary" submit icon={<Icon name="search" />} aria-label="Tìm" />
          </form>
        </search>
      </Section>
      <nav className="lite-tiles" aria-label="Dịch vụ">
        <Link to="/thu-tuc" className="lite-tile">
          <Icon name="file" />
          <strong>Tra cứu thủ tục</strong>
          <span>Giấy tờ cần chuẩn bị, thời hạn, phí, lệ phí.</span>
        </Link>
        <Link to="/thu-tuc" className="lite-tile">
          <Icon name="edit" />
          <strong>Nộp hồ sơ trực tuyến</strong>
          <span>Chọn thủ tục, điền tờ khai, chụp ảnh giấy tờ và theo dõi kết quả ngay trên điện thoại.</span>
        </Link>
        <Link to="/tra-cuu" className="lite-tile">
          <Icon name="search" />
          <strong>Tra cứu hồ sơ</strong>
          <span>Theo mã hồ sơ trên giấy hẹn.</span>
        </Link>
      </nav>
      <Section title="Cơ quan giải quyết">
        {agencies === null ? (
          <Spinner style={{ margin: '12px auto' }} />
        ) : agencies.length === 0 ? (
          <p style={{ margin: 0 }}>Chưa có cơ quan nào.</p>
        ) : (
          <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
            {agencies.map((a) => (
              <li
                key={a.id}
                style={{ display: 'flex', gap: 12, padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
              >
                <span style={{ fontSize: 20, color: '#b3261e' }}>
                  <Icon name="place" />
                </span>
                <div>
                  <div style={{ fontWeight: 500 }}>{a.name}</div>
                  <div style={{ color: 'rgba(0, 0, 0, 0.66)' }}>
                    <div>{a.address}</div>
                    <div>
                      {AGENCY_LEVEL_LABELS_VI[a.level]} · Giờ làm việc:{' '}
                      {a.officeHours.sessions.map((s) => `${s.start}–${s.end}`).join(', ')}, thứ Hai – thứ Sáu
                    </div>
                    {a.phone && <div>Điện thoại: {a.phone}</div>}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
