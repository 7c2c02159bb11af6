import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';

/**
 * Reads the QR code of a chip-based ID card (CCCD) from the desk's webcam: frames are decoded in the
 * browser (jsQR), nothing leaves the machine. The string goes to the same parser as a handheld scanner's.
 */
export function CccdCamera({ onRead }: { onRead: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  // The latest callback, without restarting the camera on every render of the parent.
  const read = useRef(onRead);
  read.current = onRead;

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const stop = () => {
      stopped = true;
      window.clearInterval(timer);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
      } catch {
        setError('Không mở được camera. Hãy cho phép trình duyệt dùng camera, hoặc dùng máy quét cầm tay.');
        return;
      }
      if (stopped || !video.current) return stop();
      video.current.srcObject = stream;
      await video.current.play().catch(() => {});
      timer = window.setInterval(() => {
        const v = video.current;
        if (!v || !ctx || v.videoWidth === 0) return;
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        ctx.drawImage(v, 0, 0);
        const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
        if (code?.data) {
          stop();
          setOpen(false);
          read.current(code.data);
        }
      }, 200);
    })();
    return stop;
  }, [open]);

  return (
    <>
      <Button
        icon={<CameraOutlined />}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Quét bằng camera
      </Button>
      <Modal
        open={open}
        title="Quét mã QR trên căn cước"
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {error ? (
          <Alert type="warning" showIcon title={error} />
        ) : (
          <>
            <video
              ref={video}
              aria-label="Hình ảnh từ camera"
              muted
              playsInline
              style={{ width: '100%', background: '#000', borderRadius: 8 }}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              Đưa mặt trước của thẻ (góc có mã QR) vào giữa khung hình và giữ yên.
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}
