import type { Draft, DraftList } from '../../../contract';
import { api } from '../../shared/api';

/** A draft as the server keeps it (src/server/modules/drafts), from the one contract. */
export type { Draft, DraftFile, DraftList } from '../../../contract';

export const draftsApi = {
  list: (procedureCode: string) =>
    api.get<DraftList>(`/api/v1/drafts?procedureCode=${encodeURIComponent(procedureCode)}`),
  get: (id: string) => api.get<Draft>(`/api/v1/drafts/${id}`),
  save: (
    id: string,
    body: { procedureCode: string; agencyCode: string | null; data: Record<string, unknown> },
  ) => api.put<Draft>(`/api/v1/drafts/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/v1/drafts/${id}`),
  upload: (id: string, component: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<Draft>(`/api/v1/drafts/${id}/files?component=${encodeURIComponent(component)}`, form);
  },
  removeFile: (id: string, fileId: string) => api.delete<Draft>(`/api/v1/drafts/${id}/files/${fileId}`),
  fileUrl: (id: string, fileId: string) => `/api/v1/drafts/${id}/files/${fileId}`,
};

/** "10 MB", "850 KB" */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
