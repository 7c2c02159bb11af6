import { ArrowLeftOutlined, HomeOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, ConfigProvider, Empty, Input, List, Row, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Route, Routes, useMatch, useNavigate, useParams, useSearchParams } from 'react-router';
import { ProcedurePage } from '../portal/ProcedurePage';
import { api, qs } from '../shared/api';
import { MAIN_ID, SkipLink } from '../shared/SkipLink';
import type { FieldItem, ProcedureList } from '../shared/types';

/**
 * How long the kiosk waits without a touch before it goes back to its start page: 90 s, or the
 * `idle` seconds given once in the address (e.g. /kiosk/lookup?idle=60), remembered by the device.
 */
function idleMs(): number {
  const fromUrl = Number(new URLSearchParams(window.location.search).get('idle'));
  if (fromUrl > 0) localStorage.setItem('motcua.kiosk.idle', String(fromUrl));
  const s = Number(localStorage.getItem('motcua.kiosk.idle'));
  return (s > 0 ? s : 90) * 1000;
}

function useIdleReset(onIdle: () => void) {
  const ms = useRef(idleMs());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const arm = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(onIdle, ms.current);
  }, [onIdle]);
  useEffect(() => {
    arm();
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    return () => {
      if (timer.current) clearTimeout(timer.current);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [arm]);
}

function Start() {
  const navigate = useNavigate();
  const [fields, setFields] = useState<FieldItem[]>([]);
  useEffect(() => {
    void api
      .get<{ items: FieldItem[] }>('/api/v1/fields')
      .then((r) => setFields(r.items.filter((f) => f.procedureCount > 0)));
  }, []);
  return (
    <div>
      <Input.Search
        size="large"
        placeholder="Gõ tên thủ tục, có dấu hay không dấu đều được"
        aria-label="Tìm thủ tục hành chính"
        enterButton={<SearchOutlined aria-label="Tìm" />}
        onSearch={(q) => q.trim() && navigate(`/kiosk/lookup/tim?q=${encodeURIComponent(q.trim())}`)}
        style={{ marginBottom: 24 }}
      />
      <Typography.Title level={2} style={{ fontSize: 30 }}>
        Chọn lĩnh vực
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {fields.map((f) => (
          <Col key={f.code} xs={24} sm={12} lg={8}>
            <Card
              hoverable
              onClick={() => navigate(`/kiosk/lookup/tim?field=${encodeURIComponent(f.code)}`)}
              style={{ minHeight: 110 }}
            >
              <Typography.Title level={3} style={{ margin: 0, fontSize: 24 }}>
                {f.name}
              </Typography.Title>
              <Typography.Text type="secondary">{f.procedureCount} thủ tục</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}

function Results() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [r, setR] = useState<ProcedureList | null>(null);
  const q = params.get('q') ?? undefined;
  const field = params.get('field') ?? undefined;
  useEffect(() => {
    let latest = true; // only the answer to the latest search is shown
    void api.get<ProcedureList>(`/api/v1/procedures${qs({ q, field, pageSize: 50 })}`).then((x) => {
      if (latest) setR(x);
    });
    return () => {
      latest = false;
    };
  }, [q, field]);
  return (
    <List
      loading={!r}
      dataSource={r?.items ?? []}
      locale={{ emptyText: <Empty description="Không tìm thấy thủ tục phù hợp." /> }}
      renderItem={(p) => (
        <List.Item style={{ display: 'block', padding: 0, border: 0 }}>
          <Card
            hoverable
            style={{ marginBottom: 12 }}
            onClick={() => navigate(`/kiosk/lookup/thu-tuc/${p.code}`)}
          >
            <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
              {p.name}
            </Typography.Title>
            <Tag style={{ fontSize: 16, padding: '4px 8px', marginTop: 8 }}>{p.processingTimeText}</Tag>
            <Tag style={{ fontSize: 16, padding: '4px 8px' }}>
              {p.hasFees ? 'Có phí, lệ phí' : 'Không mất phí'}
            </Tag>
          </Card>
        </List.Item>
      )}
    />
  );
}

function Detail() {
  const { code = '' } = useParams();
  return <ProcedurePage key={code} />;
}

/** The lookup kiosk at the one-stop desk (/kiosk/lookup): full screen, large touch targets, no login. */
export default function KioskLookup() {
  const navigate = useNavigate();
  const home = useCallback(() => navigate('/kiosk/lookup'), [navigate]);
  useIdleReset(home);
  // The kiosk's name is the page's h1, except on a procedure's page, whose h1 is the procedure's name.
  const detail = useMatch('/kiosk/lookup/thu-tuc/:code') !== null;
  const Title = detail ? 'div' : 'h1';
  return (
    <ConfigProvider theme={{ token: { fontSize: 20, controlHeight: 56, colorPrimary: '#b3261e' } }}>
      <SkipLink />
      <div style={{ minHeight: '100vh', background: '#fafafa' }}>
        <header
          style={{
            background: '#b3261e',
            color: '#fff',
            padding: '16px 24px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
          }}
        >
          <Title style={{ fontSize: 28, fontWeight: 700, margin: 0 }}>Tra cứu thủ tục hành chính</Title>
          <div style={{ display: 'flex', gap: 12 }}>
            <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              Quay lại
            </Button>
            <Button size="large" icon={<HomeOutlined />} onClick={home}>
              Trang đầu
            </Button>
          </div>
        </header>
        <main id={MAIN_ID} tabIndex={-1} style={{ padding: 24, maxWidth: 1200, margin: '0 auto' }}>
          <Routes>
            <Route index element={<Start />} />
            <Route path="tim" element={<Results />} />
            <Route path="thu-tuc/:code" element={<Detail />} />
          </Routes>
        </main>
      </div>
    </ConfigProvider>
  );
}
