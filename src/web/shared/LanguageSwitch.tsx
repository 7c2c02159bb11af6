import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from './i18n';

/** VI / EN. Its own module: the portal's first load takes this without the signed-in user's menu. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <Segmented
      size="small"
      aria-label="Ngôn ngữ / Language"
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(v) => setLanguage(v as 'vi' | 'en')}
      options={[
        { label: 'VI', value: 'vi' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
