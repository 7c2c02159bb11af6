/** The inputs of the Decision 766 scorecard: their keys, Vietnamese labels, and where each value comes from. */

/** Where an input comes from: motcua's own data, entered by an administrator, or not known. */
export type InputSource = 'motcua' | 'entered' | 'missing';

export interface Input {
  value: number;
  source: InputSource;
  /** For entered figures: who entered them, when, and from what document. */
  note?: string | null;
  enteredBy?: string | null;
  enteredAt?: string | null;
}

/** Every input the scorecard reads. Indicators that motcua cannot know are entered (`ENTERED_INPUTS`). */
export const INPUT_KEYS = [
  'publishedOnTime',
  'published',
  'publicOnTime',
  'dueForPublic',
  'publicComplete',
  'publicProcedures',
  'dossiersSynced',
  'dossiersNational',
  'onTime766',
  'toHandle',
  'finished',
  'finishedMinutes',
  'proceduresOnline',
  'proceduresOfUnit',
  'onlineServicesWithDossier',
  'onlineServices',
  'receivedOnline',
  'received',
  'paidOnline',
  'dossiersFeeBearing',
  'feeProceduresWithOnlinePayment',
  'feeProcedures',
  'feeProceduresWithFeeData',
  'feedback',
  'feedbackOnTime',
  'feedbackSatisfactory',
  'resolved',
  'resolvedLate',
  'dossiersComplainedOrDisliked',
  'eResult',
  'digitised',
  'certifiedCopiesOffered',
  'certifiedCopiesRequired',
  'reused',
  'linkedToStore',
  'populationDataDossiers',
  'populationDataProcedures',
  'citizenProcedures',
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];
export type Inputs = Record<InputKey, Input>;

/** Inputs outside motcua's data: publication on the national database, sync, national data stores. */
export const ENTERED_INPUTS: readonly InputKey[] = [
  'publishedOnTime',
  'published',
  'publicOnTime',
  'dueForPublic',
  'dossiersSynced',
  'dossiersNational',
  'certifiedCopiesOffered',
  'certifiedCopiesRequired',
  'reused',
  'linkedToStore',
  'populationDataDossiers',
  'populationDataProcedures',
  'citizenProcedures',
];

export const INPUT_LABELS_VI: Record<InputKey, string> = {
  publishedOnTime: 'TTHC được công bố đúng hạn',
  published: 'TTHC được công bố (mới, sửa đổi, bãi bỏ) trong kỳ',
  publicOnTime: 'TTHC được công khai đúng hạn trên CSDL quốc gia',
  dueForPublic: 'TTHC phải công khai trong kỳ',
  publicComplete: 'TTHC công khai đầy đủ nội dung (Nghị định 63/2010 Điều 8 khoản 2)',
  publicProcedures: 'TTHC đang công khai',
  dossiersSynced: 'Hồ sơ đã đồng bộ lên Cổng DVCQG',
  dossiersNational: 'Hồ sơ trên hệ thống báo cáo quốc gia',
  onTime766: 'Hồ sơ giải quyết trước hạn, đúng hạn và đang giải quyết trong hạn',
  toHandle: 'Hồ sơ phải giải quyết trong kỳ (kỳ trước chuyển qua + mới tiếp nhận)',
  finished: 'Hồ sơ đã xử lý xong',
  finishedMinutes: 'Tổng thời gian xử lý (phút, trừ thời gian chờ bổ sung)',
  proceduresOnline: 'TTHC cung cấp dịch vụ công trực tuyến (một phần hoặc toàn trình)',
  proceduresOfUnit: 'TTHC thuộc thẩm quyền của đơn vị',
  onlineServicesWithDossier: 'Dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến',
  onlineServices: 'Dịch vụ công trực tuyến',
  receivedOnline: 'Hồ sơ tiếp nhận trực tuyến',
  received: 'Hồ sơ tiếp nhận',
  paidOnline: 'Hồ sơ thanh toán trực tuyến',
  dossiersFeeBearing: 'Hồ sơ của TTHC có phí, lệ phí',
  feeProceduresWithOnlinePayment: 'TTHC có phí có giao dịch thanh toán trực tuyến',
  feeProcedures: 'TTHC có phí, lệ phí',
  feeProceduresWithFeeData: 'TTHC có phí có hồ sơ mang dữ liệu phí, lệ phí',
  feedback: 'Phản ánh, kiến nghị tiếp nhận trong kỳ',
  feedbackOnTime: 'Phản ánh, kiến nghị xử lý đúng hạn',
  feedbackSatisfactory: 'Phản ánh, kiến nghị không quá hạn, không bị đánh giá không hài lòng',
  resolved: 'Hồ sơ đã giải quyết',
  resolvedLate: 'Hồ sơ giải quyết quá hạn',
  dossiersComplainedOrDisliked: 'Hồ sơ bị phản ánh hoặc đánh giá không hài lòng',
  eResult: 'Hồ sơ có kết quả điện tử',
  digitised: 'Hồ sơ được số hóa thành phần',
  certifiedCopiesOffered: 'Hồ sơ chứng thực bản sao điện tử từ bản chính',
  certifiedCopiesRequired: 'Hồ sơ chứng thực bản sao từ bản chính',
  reused: 'Hồ sơ khai thác, sử dụng lại dữ liệu số hóa',
  linkedToStore: 'Hồ sơ số hóa kết nối với Kho quản lý dữ liệu điện tử của tổ chức, cá nhân',
  populationDataDossiers: 'Hồ sơ sử dụng thông tin từ CSDL quốc gia về dân cư',
  populationDataProcedures: 'TTHC có hồ sơ kết nối, chia sẻ dữ liệu dân cư',
  citizenProcedures: 'TTHC có đối tượng là công dân',
};

/** Inputs all missing (0), to be filled by the caller. */
export function blankInputs(): Inputs {
  return Object.fromEntries(INPUT_KEYS.map((k) => [k, { value: 0, source: 'missing' }])) as Inputs;
}
