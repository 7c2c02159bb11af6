import { Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { foldVietnamese } from '../../../domain/catalogue/search';
import type { Address, Division } from '../../../domain/geo/division';
import { api } from '../api';

/** The address as the picker holds it: any part may still be empty while the applicant types. */
export type AddressValue = Partial<Address>;

let provinces: Promise<Division[]> | null = null;
const communes = new Map<string, Promise<Division[]>>();

/** Provinces and communes since 1 July 2025, fetched once per page (the server lets browsers cache them). */
function loadProvinces(): Promise<Division[]> {
  provinces ??= api.get<{ items: Division[] }>('/api/v1/divisions/provinces').then((r) => r.items);
  provinces.catch(() => {
    provinces = null;
  });
  return provinces;
}
function loadCommunes(province: string): Promise<Division[]> {
  let p = communes.get(province);
  if (!p) {
    p = api
      .get<{ items: Division[] }>(`/api/v1/divisions/provinces/${province}/communes`)
      .then((r) => r.items);
    p.catch(() => communes.delete(province));
    communes.set(province, p);
  }
  return p;
}

/** Typing "ben thanh" finds "Phường Bến Thành". */
const filter = (input: string, option?: { label?: unknown }) =>
  foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input));

/**
 * An address picker: house number and street, then the province and the commune chosen from the
 * official lists (two-level administration since 1 July 2025). Stacks vertically on a phone.
 */
export function AddressPicker({
  value,
  onChange,
  label,
  id,
  disabled,
}: {
  value?: AddressValue | string | null;
  onChange?: (v: AddressValue) => void;
  label: string;
  id?: string;
  disabled?: boolean;
}) {
  // A line of text from older data goes into the detail until the applicant picks the rest.
  const v: AddressValue = typeof value === 'string' ? { detail: value } : (value ?? {});
  const [provinceList, setProvinceList] = useState<Division[]>([]);
  const [communeList, setCommuneList] = useState<Division[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    void loadProvinces()
      .then(setProvinceList)
      .catch(() => setProvinceList([]));
  }, []);
  useEffect(() => {
    if (!v.provinceCode) {
      setCommuneList([]);
      return;
    }
    setLoading(true);
    void loadCommunes(v.provinceCode)
      .then(setCommuneList)
      .catch(() => setCommuneList([]))
      .finally(() => setLoading(false));
  }, [v.provinceCode]);
  const emit = (patch: AddressValue) =>
    onChange?.({
      detail: v.detail ?? '',
      provinceCode: v.provinceCode ?? '',
      provinceName: v.provinceName ?? '',
      communeCode: v.communeCode ?? '',
      communeName: v.communeName ?? '',
      ...patch,
    });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Input
        id={id}
        aria-label={`${label}: số nhà, đường, thôn, ấp`}
        placeholder="Số nhà, đường, thôn, ấp, tổ dân phố"
        value={v.detail ?? ''}
        disabled={disabled}
        autoComplete="street-address"
        onChange={(e) => emit({ detail: e.target.value })}
      />
      <Select
        aria-label={`${label}: tỉnh, thành phố`}
        placeholder="Tỉnh, thành phố"
        style={{ width: '100%' }}
        disabled={disabled}
        showSearch={{ filterOption: filter }}
        value={v.provinceCode || undefined}
        options={provinceList.map((p) => ({ value: p.code, label: p.name }))}
        onChange={(code: string) =>
          emit({
            provinceCode: code,
            provinceName: provinceList.find((p) => p.code === code)?.name ?? '',
            communeCode: '',
            communeName: '',
          })
        }
      />
      <Select
        aria-label={`${label}: xã, phường, đặc khu`}
        placeholder={v.provinceCode ? 'Xã, phường, đặc khu' : 'Chọn tỉnh, thành phố trước'}
        style={{ width: '100%' }}
        disabled={disabled || !v.provinceCode}
        loading={loading}
        showSearch={{ filterOption: filter }}
        value={v.communeCode || undefined}
        options={communeList.map((c) => ({ value: c.code, label: c.name }))}
        onChange={(code: string) =>
          emit({ communeCode: code, communeName: communeList.find((c) => c.code === code)?.name ?? '' })
        }
      />
    </Space>
  );
}
