/**
 * The indicators of Decision 766 in their six groups: each one's maximum, formula and the source of the formula
 * (see scorecard.ts).
 */
import { INPUT_LABELS_VI, type InputKey } from './scorecard-inputs';

export interface IndicatorDef {
  code: string;
  /** DVCQG metric code where one exists. */
  metric: string | null;
  name: string;
  max: number;
  /** The formula as shown on screen. */
  formula: string;
  /** Where the formula comes from. */
  source: string;
  inputs: readonly InputKey[];
  /** r (0..1, null when not computable) and the score. */
  compute(v: (k: InputKey) => number): { r: number | null; score: number };
}

export interface GroupDef {
  code: string;
  name: string;
  max: number;
  indicators: readonly IndicatorDef[];
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.min(1, Math.max(0, a / b)) : null);
const SRC_DOC = 'DVCQG, "Mô tả công thức tính chỉ số 766"';
const SRC_OBS = 'điểm quan sát trên API báo cáo của Cổng DVCQG (qd766 SCORING_ANALYSIS_M0)';

/** max × r, 0 when the denominator is zero (indicators.md: zero denominators score 0 unless stated). */
function linear(
  code: string,
  metric: string | null,
  name: string,
  max: number,
  num: InputKey,
  den: InputKey,
  source = SRC_DOC,
): IndicatorDef {
  return {
    code,
    metric,
    name,
    max,
    formula: `${max} × (${INPUT_LABELS_VI[num]} ÷ ${INPUT_LABELS_VI[den]})`,
    source,
    inputs: [num, den],
    compute: (v) => {
      const r = ratio(v(num), v(den));
      return { r, score: r === null ? 0 : max * r };
    },
  };
}

/** `min(max, max·r/threshold)`: full marks from `threshold`. */
function capped(
  code: string,
  metric: string | null,
  name: string,
  max: number,
  threshold: number,
  num: InputKey,
  den: InputKey,
  source = SRC_OBS,
): IndicatorDef {
  return {
    code,
    metric,
    name,
    max,
    formula: `min(${max}; ${max} × r ÷ ${threshold}), r = ${INPUT_LABELS_VI[num]} ÷ ${INPUT_LABELS_VI[den]} (đạt tối đa khi r ≥ ${Math.round(threshold * 100)}%)`,
    source,
    inputs: [num, den],
    compute: (v) => {
      const r = ratio(v(num), v(den));
      return { r, score: r === null ? 0 : Math.min(max, (max * r) / threshold) };
    },
  };
}

export const GROUPS: readonly GroupDef[] = [
  {
    code: '1',
    name: 'Công khai, minh bạch',
    max: 18,
    indicators: [
      linear('1.1', 'PUBLISH_ON_TIME', 'TTHC công bố đúng hạn', 6, 'publishedOnTime', 'published'),
      linear(
        '1.2',
        'PUBLIC_UPDATE_ON_TIME',
        'TTHC cập nhật, công khai đúng hạn',
        4,
        'publicOnTime',
        'dueForPublic',
      ),
      linear(
        '1.3',
        'PUBLIC_CONTENT_FULL',
        'TTHC công khai đầy đủ nội dung',
        2,
        'publicComplete',
        'publicProcedures',
      ),
      linear('1.4', 'DOSSIER_SYNC', 'Hồ sơ đồng bộ lên Cổng DVCQG', 6, 'dossiersSynced', 'dossiersNational'),
    ],
  },
  {
    code: '2',
    name: 'Tiến độ giải quyết',
    max: 20,
    indicators: [
      {
        ...linear('2.1', null, 'Hồ sơ xử lý trước hạn, đúng hạn', 20, 'onTime766', 'toHandle'),
        formula:
          '20 × (hồ sơ kết thúc xử lý trước hoặc đúng hẹn + hồ sơ đang giải quyết còn hạn + hồ sơ chờ bổ sung được yêu cầu trước hạn) ÷ hồ sơ phải giải quyết trong kỳ',
        source: `${SRC_DOC}, mục 2.1 (kiểm chứng trên 984 mẫu)`,
      },
      {
        code: '2.2',
        metric: null,
        name: 'Thời gian xử lý trung bình (chỉ để theo dõi, không tính điểm)',
        max: 0,
        formula:
          'Tổng thời gian xử lý của hồ sơ đã xử lý xong ÷ số hồ sơ đó (ngày, trừ thời gian chờ bổ sung)',
        source: `${SRC_DOC}, mục 2.2`,
        inputs: ['finishedMinutes', 'finished'],
        compute: (v) => ({
          r: v('finished') > 0 ? v('finishedMinutes') / v('finished') / 1440 : null,
          score: 0,
        }),
      },
    ],
  },
  {
    code: '3',
    name: 'Dịch vụ công trực tuyến',
    max: 12,
    indicators: [
      capped(
        '3.1',
        null,
        'TTHC cung cấp dịch vụ công trực tuyến',
        2,
        0.8,
        'proceduresOnline',
        'proceduresOfUnit',
      ),
      linear(
        '3.2',
        null,
        'Dịch vụ công trực tuyến có phát sinh hồ sơ',
        4,
        'onlineServicesWithDossier',
        'onlineServices',
        SRC_OBS,
      ),
      capped('3.3', null, 'Tỷ lệ hồ sơ nộp trực tuyến', 6, 0.5, 'receivedOnline', 'received'),
    ],
  },
  {
    code: '4',
    name: 'Thanh toán trực tuyến',
    max: 10,
    indicators: [
      linear('3.6', null, 'Hồ sơ thanh toán trực tuyến', 6, 'paidOnline', 'dossiersFeeBearing', SRC_OBS),
      capped(
        '3.5b',
        null,
        'TTHC có giao dịch thanh toán trực tuyến',
        2,
        0.8,
        'feeProceduresWithOnlinePayment',
        'feeProcedures',
      ),
      capped(
        '3.5',
        null,
        'TTHC có nghĩa vụ tài chính được cung cấp thanh toán trực tuyến',
        2,
        0.8,
        'feeProceduresWithFeeData',
        'feeProcedures',
      ),
    ],
  },
  {
    code: '5',
    name: 'Mức độ hài lòng',
    max: 18,
    indicators: [
      {
        ...linear(
          '5.2',
          'PETITION_PROCESSING_ON_TIME',
          'Phản ánh, kiến nghị xử lý đúng hạn',
          6,
          'feedbackOnTime',
          'feedback',
        ),
        formula:
          '6 × (phản ánh, kiến nghị xử lý đúng hạn ÷ phản ánh, kiến nghị trong kỳ); 6 điểm nếu không có phản ánh, kiến nghị. Đúng hạn: trả lời trong 15 ngày làm việc (đang xử lý chưa quá 15 ngày làm việc vẫn tính trong hạn)',
        compute: (v) => {
          const r = ratio(v('feedbackOnTime'), v('feedback'));
          return { r, score: r === null ? 6 : 6 * r };
        },
      },
      {
        ...linear(
          '5.3',
          'PETITION_HANDLING_SATISFACTION',
          'Hài lòng trong xử lý phản ánh, kiến nghị',
          6,
          'feedbackSatisfactory',
          'feedback',
        ),
        formula:
          '6 × ((phản ánh, kiến nghị − số bị đánh giá không hài lòng, quá hạn hoặc phản ánh lại) ÷ phản ánh, kiến nghị); 6 điểm nếu không có',
        compute: (v) => {
          const r = ratio(v('feedbackSatisfactory'), v('feedback'));
          return { r, score: r === null ? 6 : 6 * r };
        },
      },
      {
        code: '5.4',
        metric: 'DOSSIER_RECEIVING_SATISFACTION',
        name: 'Hài lòng trong tiếp nhận, giải quyết TTHC',
        max: 6,
        formula:
          'min(6; 6 × r ÷ 0,9), r = 1 − (tỷ lệ hồ sơ giải quyết quá hạn + tỷ lệ hồ sơ bị phản ánh hoặc đánh giá không hài lòng); 0 điểm nếu không có hồ sơ',
        source: SRC_OBS,
        inputs: ['resolvedLate', 'dossiersComplainedOrDisliked', 'resolved'],
        compute: (v) => {
          const n = v('resolved');
          if (n <= 0) return { r: null, score: 0 };
          const r = Math.max(0, 1 - (v('resolvedLate') + v('dossiersComplainedOrDisliked')) / n);
          return { r, score: Math.min(6, (6 * r) / 0.9) };
        },
      },
    ],
  },
  {
    code: '6',
    name: 'Số hóa hồ sơ',
    max: 22,
    indicators: [
      linear(
        '4.1',
        'ORIGINAL_RESULT_AVAILABLE',
        'Hồ sơ có kết quả giải quyết điện tử',
        6,
        'eResult',
        'finished',
      ),
      linear(
        '4.2',
        'SO_HOA_GIAY_TO_GIAI_QUYET',
        'Hồ sơ thực hiện số hóa thành phần',
        4,
        'digitised',
        'received',
      ),
      linear(
        '4.e',
        'ELECTRONIC_CERTIFIED_COPY',
        'Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính',
        2,
        'certifiedCopiesOffered',
        'certifiedCopiesRequired',
        'Không có mô tả công thức; tạm tính max × r',
      ),
      capped(
        '4.3',
        'REUSED_DIGITIZED_DATA',
        'Hồ sơ khai thác, sử dụng lại dữ liệu số hóa',
        2,
        0.8,
        'reused',
        'received',
      ),
      linear(
        '4.4',
        'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
        'Hồ sơ số hóa kết nối, chia sẻ để tái sử dụng',
        4,
        'linkedToStore',
        'received',
      ),
      linear(
        '4.5b',
        'CITIZEN_DATA_CONNECTED_DOSSIER',
        'Hồ sơ sử dụng thông tin từ CSDL dân cư',
        2,
        'populationDataDossiers',
        'received',
      ),
      linear(
        '4.5a',
        'CITIZEN_DATA_CONNECTED_FORMALITY',
        'TTHC kết nối, chia sẻ dữ liệu dân cư',
        2,
        'populationDataProcedures',
        'citizenProcedures',
      ),
    ],
  },
];
