import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';

/** Shapes of the queue API (src/server/modules/queue/queue.schema.ts). */
export interface QueueTicket {
  id: string;
  number: number;
  label: string;
  fieldCode: string;
  fieldName: string;
  kind: 'walk_in' | 'booked';
  priority: boolean;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred';
  statusName: string;
  agency: { code: string; name: string };
  counter: { id: string; number: number; name: string } | null;
  issuedAt: string;
  calledAt: string | null;
  servingAt: string | null;
  endedAt: string | null;
  appointmentAt: string | null;
  callCount: number;
  ahead: number | null;
  dossierId: string | null;
  dossierCode: string | null;
}

export interface QueueCounter {
  id: string;
  agency: { id: string; code: string; name: string };
  number: number;
  name: string;
  fieldCodes: string[];
  hours: { sessions: { start: string; end: string }[] } | null;
  appointmentCapacity: number;
  state: 'open' | 'closed';
  officer: { id: string; fullName: string } | null;
  openedAt: string | null;
  active: boolean;
  current: QueueTicket | null;
  waiting: number;
}

export interface BoardState {
  agency: { code: string; name: string; address: string };
  day: string;
  lastEventId: number;
  counters: {
    id: string;
    number: number;
    name: string;
    state: 'open' | 'closed';
    fieldCodes: string[];
    serving: { number: number; label: string; status: string; fieldCode: string } | null;
  }[];
  lastCalls: {
    eventId: number;
    type: 'called' | 'recalled';
    number: number;
    label: string;
    counterNumber: number;
    at: string;
    text: string;
  }[];
  fields: { code: string; name: string; waiting: number }[];
}

/**
 * The agency's board state, pushed by the server (Server-Sent Events). EventSource reconnects by
 * itself (after a network cut or a server restart) and each connection starts with the full state.
 */
export function useBoard(agencyCode: string | null | undefined): {
  state: BoardState | null;
  connected: boolean;
} {
  const [state, setState] = useState<BoardState | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!agencyCode) return;
    const es = new EventSource(`/api/v1/queue/agencies/${encodeURIComponent(agencyCode)}/stream`);
    es.addEventListener('state', (e) => {
      setConnected(true);
      setState(JSON.parse((e as MessageEvent<string>).data));
    });
    es.onerror = () => setConnected(false);
    return () => es.close();
  }, [agencyCode]);
  return { state, connected };
}

/** A QR code image of `text` (rendered in the browser). */
export function Qr({ text, size = 160 }: { text: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  const latest = useRef(text);
  useEffect(() => {
    latest.current = text;
    void QRCode.toDataURL(text, { margin: 1, width: size * 2 }).then((u) => {
      if (latest.current === text) setSrc(u);
    });
  }, [text, size]);
  return src ? <img src={src} width={size} height={size} alt={`Mã QR: ${text}`} /> : null;
}

export const hhmm = (iso: string | null) => (iso ? iso.slice(11, 16) : '');
export const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
