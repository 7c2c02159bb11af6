import { SoundOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { type BoardState, hhmm, useBoard } from '../kiosk/QueueCommon';
import { MAIN_ID, SkipLink } from '../shared/SkipLink';

/** A Vietnamese voice of the browser, if it has one. */
function vietnameseVoice(): SpeechSynthesisVoice | null {
  if (!('speechSynthesis' in window)) return null;
  return window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith('vi')) ?? null;
}

/** Two tones (ding-dong) through WebAudio, for browsers without a Vietnamese voice. */
function chime(ctx: AudioContext) {
  const now = ctx.currentTime;
  for (const [i, f] of [880, 660].entries()) {
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.frequency.value = f;
    o.type = 'sine';
    g.gain.setValueAtTime(0.0001, now + i * 0.45);
    g.gain.exponentialRampToValueAtTime(0.4, now + i * 0.45 + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.45 + 0.8);
    o.connect(g).connect(ctx.destination);
    o.start(now + i * 0.45);
    o.stop(now + i * 0.45 + 0.85);
  }
}

/** Announces the calls newer than the last one heard; the first state after (re)connecting is only shown. */
function useAnnouncer(state: BoardState | null, enabled: boolean) {
  const heard = useRef<number | null>(null);
  const audio = useRef<AudioContext | null>(null);
  const [last, setLast] = useState<string | null>(null);
  useEffect(() => {
    if (!state) return;
    const newest = state.lastCalls[0]?.eventId ?? 0;
    if (heard.current === null) {
      heard.current = newest;
      return;
    }
    const fresh = state.lastCalls.filter((c) => c.eventId > (heard.current ?? 0)).reverse();
    heard.current = Math.max(heard.current, newest);
    for (const c of fresh) {
      setLast(c.text);
      if (!enabled) continue;
      const voice = vietnameseVoice();
      if (voice) {
        const u = new SpeechSynthesisUtterance(c.text);
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = 0.9;
        window.speechSynthesis.speak(u);
      } else {
        audio.current ??= new AudioContext();
        chime(audio.current);
      }
    }
  }, [state, enabled]);
  return last;
}

/** The TV board (/display/:agencyCode): who is served at each counter, the last calls, the waiting per field. */
export default function DisplayBoard() {
  const { agencyCode } = useParams();
  const { state, connected } = useBoard(agencyCode);
  // Browsers allow sound only after a first touch or click on the page.
  const [sound, setSound] = useState(false);
  const last = useAnnouncer(state, sound);
  const [clock, setClock] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setClock(new Date()), 10_000);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    // Voices load asynchronously in some browsers.
    if ('speechSynthesis' in window) window.speechSynthesis.getVoices();
  }, []);

  const big = { color: '#fff', margin: 0 };
  return (
    <div
      style={{
        minHeight: '100vh',
        background: '#5c0f0b',
        color: '#fff',
        padding: 24,
        fontFamily: 'sans-serif',
      }}
    >
      <SkipLink />
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <div>
          <h1 style={{ ...big, fontSize: 40 }}>{state?.agency.name ?? 'Bảng gọi số'}</h1>
          <div style={{ fontSize: 22, opacity: 0.85 }}>Bộ phận Tiếp nhận và Trả kết quả</div>
        </div>
        <div style={{ textAlign: 'right' }}>
          <div style={{ fontSize: 48, fontWeight: 700 }}>
            {clock.toLocaleTimeString('vi-VN', {
              hour: '2-digit',
              minute: '2-digit',
              timeZone: 'Asia/Ho_Chi_Minh',
            })}
          </div>
          <Badge
            status={connected ? 'success' : 'error'}
            text={
              <span style={{ color: '#fff' }}>
                {connected ? 'Đang kết nối' : 'Mất kết nối, đang thử lại…'}
              </span>
            }
          />
          {!sound && (
            <div>
              <Button icon={<SoundOutlined />} onClick={() => setSound(true)} style={{ marginTop: 8 }}>
                Bật âm thanh gọi số
              </Button>
            </div>
          )}
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1}>
        {last && (
          <div
            role="status"
            aria-live="assertive"
            data-testid="announcement"
            style={{
              margin: '24px 0',
              padding: 24,
              background: '#ffd54f',
              color: '#3e0b07',
              fontSize: 56,
              fontWeight: 700,
              textAlign: 'center',
              borderRadius: 12,
            }}
          >
            {last}
          </div>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 24, marginTop: 24 }}>
          <div>
            <h2 style={{ ...big, fontSize: 30 }}>Đang phục vụ</h2>
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
                gap: 16,
                marginTop: 12,
              }}
            >
              {(state?.counters ?? []).map((c) => (
                <div
                  key={c.id}
                  data-testid={`counter-${c.number}`}
                  style={{
                    // A closed counter: pale, not dark, so its dark "Tạm nghỉ" keeps a contrast above 7:1.
                    background: c.state === 'open' ? '#fff' : '#e8d9d6',
                    color: '#3e0b07',
                    borderRadius: 12,
                    padding: 16,
                    textAlign: 'center',
                  }}
                >
                  <div style={{ fontSize: 26, fontWeight: 600 }}>Quầy số {c.number}</div>
                  <div style={{ fontSize: 16 }}>{c.name}</div>
                  <div style={{ fontSize: 72, fontWeight: 800 }}>
                    {c.serving?.label ?? (c.state === 'open' ? '—' : 'Tạm nghỉ')}
                  </div>
                </div>
              ))}
            </div>
          </div>
          <div>
            <h2 style={{ ...big, fontSize: 30 }}>Vừa gọi</h2>
            <ol data-testid="last-calls" style={{ listStyle: 'none', padding: 0, fontSize: 28 }}>
              {(state?.lastCalls ?? []).slice(0, 6).map((c) => (
                <li
                  key={c.eventId}
                  style={{ padding: '6px 0', borderBottom: '1px solid rgba(255,255,255,.2)' }}
                >
                  Số <b>{c.label}</b> → quầy {c.counterNumber}{' '}
                  <small style={{ opacity: 0.7 }}>{hhmm(c.at)}</small>
                </li>
              ))}
            </ol>
            <h2 style={{ ...big, fontSize: 30, marginTop: 24 }}>Đang chờ</h2>
            <ul style={{ listStyle: 'none', padding: 0, fontSize: 24 }}>
              {(state?.fields ?? []).map((f) => (
                <li
                  key={f.code}
                  style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}
                >
                  <span>{f.name}</span>
                  <b>{f.waiting}</b>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </main>
    </div>
  );
}
