import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';

/** A side panel holding an edit form, with Cancel and Save in its header. */
export function FormDrawer({
  open,
  title,
  size = 520,
  saving,
  onCancel,
  onSave,
  children,
}: {
  open: boolean;
  title: string;
  size?: number;
  saving: boolean;
  onCancel: () => void;
  onSave: () => void;
  children: ReactNode;
}) {
  return (
    <Drawer
      open={open}
      onClose={onCancel}
      title={title}
      size={size}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onCancel}>Hủy</Button>
          <Button type="primary" loading={saving} onClick={onSave}>
            Lưu
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
