import { Alert } from 'antd';
import { mayChange, refusalMessage, type SharedData } from '../../domain/identity/permissions';
import { useAuth } from '../shared/auth';

/** Whether the signed-in user may change this shared data (the same rule the server applies). */
export function useMayChange(data: SharedData): boolean {
  const { user } = useAuth();
  return user !== null && mayChange(user, data);
}

/** Shown instead of the editing actions the server would refuse: who may change it, and whom to ask. */
export function ReadOnlyNotice({ data }: { data: SharedData }) {
  return (
    <Alert
      type="info"
      showIcon
      role="note"
      style={{ marginBottom: 12 }}
      title="Bạn chỉ xem được nội dung này"
      description={refusalMessage(data)}
    />
  );
}
