import { useTranslation } from 'react-i18next';
import { setLanguage } from './i18n';
import { Segmented } from './lite';

/** VI / EN. Light (no antd): part of the portal's first load. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <Segmented
      label="Ngôn ngữ / Language"
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(v) => setLanguage(v)}
      options={[
        { label: 'VI', value: 'vi' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
