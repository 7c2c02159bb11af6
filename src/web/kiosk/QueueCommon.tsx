import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';

import type { BoardState } from '../../contract';

/** Shapes of the queue API, from the one contract (src/contract). */
export type { BoardState, QueueCounter, QueueTicket } from '../../contract';

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
