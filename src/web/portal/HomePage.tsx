import { EnvironmentOutlined, FileSearchOutlined, FormOutlined, SearchOutlined } from '@ant-design/icons';
import { Card, Col, Input, List, Row, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AGENCY_LEVEL_LABELS_VI } from '../../domain/agency/agency';
import { api } from '../shared/api';
import type { Agency } from '../shared/types';

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  useEffect(() => {
    void api.get<{ items: Agency[] }>('/api/v1/agencies').then((r) => setAgencies(r.items));
  }, []);
  return (
    <div>
      <Card style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('Tra cứu thủ tục')}
        </Typography.Title>
        <Input.Search
          size="large"
          enterButton={<SearchOutlined aria-label="Tìm" />}
          placeholder="Ví dụ: khai sinh, xac nhan tinh trang hon nhan, 1.001193"
          aria-label="Tìm thủ tục hành chính"
          onSearch={(q) => navigate(`/thu-tuc?q=${encodeURIComponent(q)}`)}
        />
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={8}>
          <Card hoverable onClick={() => navigate('/thu-tuc')} style={{ height: '100%' }}>
            <FileSearchOutlined style={{ fontSize: 28, color: '#b3261e' }} />
            <Typography.Title level={5}>{t('Tra cứu thủ tục')}</Typography.Title>
            <Typography.Text type="secondary">Giấy tờ cần chuẩn bị, thời hạn, phí, lệ phí.</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card style={{ height: '100%' }}>
            <FormOutlined style={{ fontSize: 28, color: '#999' }} />
            <Typography.Title level={5}>
              {t('Nộp hồ sơ trực tuyến')} <Tag>sắp ra mắt</Tag>
            </Typography.Title>
            <Typography.Text type="secondary">Hiện nộp trực tiếp tại Bộ phận Một cửa.</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card hoverable onClick={() => navigate('/tra-cuu')} style={{ height: '100%' }}>
            <SearchOutlined style={{ fontSize: 28, color: '#b3261e' }} />
            <Typography.Title level={5}>{t('Tra cứu hồ sơ')}</Typography.Title>
            <Typography.Text type="secondary">Theo mã hồ sơ trên giấy hẹn.</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card title={t('Cơ quan giải quyết')}>
        <List
          loading={agencies === null}
          dataSource={agencies ?? []}
          locale={{ emptyText: 'Chưa có cơ quan nào.' }}
          renderItem={(a) => (
            <List.Item>
              <List.Item.Meta
                avatar={<EnvironmentOutlined style={{ fontSize: 20, color: '#b3261e' }} />}
                title={a.name}
                description={
                  <>
                    <div>{a.address}</div>
                    <div>
                      {AGENCY_LEVEL_LABELS_VI[a.level]} · Giờ làm việc:{' '}
                      {a.officeHours.sessions.map((s) => `${s.start}–${s.end}`).join(', ')}, thứ Hai – thứ Sáu
                    </div>
                    {a.phone && <div>Điện thoại: {a.phone}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
