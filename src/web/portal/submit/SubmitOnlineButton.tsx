import { useNavigate } from 'react-router';
import { useAuth } from '../../shared/auth';
import { Button, Icon } from '../../shared/lite';

/** "Nộp hồ sơ trực tuyến" on a procedure page: signed-in citizens go to the form, others sign in first and come back. */
export function SubmitOnlineButton({ code }: { code: string }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const to = `/thu-tuc/${code}/nop`;
  return (
    <Button
      type="primary"
      size="large"
      block
      icon={<Icon name="send" />}
      className="no-print"
      style={{ marginTop: 12 }}
      onClick={() => navigate(user ? to : `/dang-nhap?tiep=${encodeURIComponent(to)}`)}
    >
      Nộp hồ sơ trực tuyến
    </Button>
  );
}
