import type { BilingualText } from '../bilingual';

/**
 * A kind of incident the product counts. The list is editable data in the product; this file is only the
 * seed a new database starts with.
 */
export interface IncidentCategory {
  /** Stable identifier, kebab-case without accents: what mapping files and the database refer to. */
  code: string;
  /** The Ministry's group the category is reported under (a category code of that group's own name). */
  group: string;
  nameVi: string;
  nameEn: string;
  /**
   * Words that name the category in source files, Vietnamese and English. They are folded before matching
   * (lower case, no accents), so "Đánh bạc", "DANH BAC" and "đánh bạc" are one alias.
   */
  aliases: string[];
}

/**
 * The groups of the Ministry of Public Security's crime and social-order statistics, as every provincial
 * "chuyển hóa địa bàn" plan counts them: crimes against social order, economic management, environment
 * (with resources and food safety), drugs and corruption; the social evils (gambling, illegal lottery,
 * cockfighting, prostitution); traffic accidents; fires and explosions. Property crimes such as theft and
 * fraud are handled by the criminal police and so counted under social order, while smuggling and
 * counterfeiting belong to economic management (Bộ luật Hình sự 2015, chapters XIV–XVI vs XVIII).
 */
export const DEFAULT_INCIDENT_CATEGORIES: readonly IncidentCategory[] = [
  {
    code: 'trat-tu-xa-hoi',
    group: 'trat-tu-xa-hoi',
    nameVi: 'Tội phạm về trật tự xã hội',
    nameEn: 'Crimes against social order',
    aliases: [
      'trật tự xã hội',
      'tội phạm trật tự xã hội',
      'hình sự',
      'giết người',
      'cố ý gây thương tích',
      'gây thương tích',
      'cướp',
      'cướp tài sản',
      'cướp giật',
      'cướp giật tài sản',
      'cưỡng đoạt tài sản',
      'cưỡng đoạt',
      'trộm',
      'trộm cắp',
      'trộm cắp tài sản',
      'trộm xe',
      'lừa đảo',
      'lừa đảo chiếm đoạt tài sản',
      'lạm dụng tín nhiệm chiếm đoạt tài sản',
      'hiếp dâm',
      'bắt cóc',
      'gây rối trật tự công cộng',
      'hủy hoại tài sản',
      'social order',
      'homicide',
      'murder',
      'assault',
      'battery',
      'robbery',
      'theft',
      'burglary',
      'larceny',
      'vehicle theft',
      'motor vehicle theft',
      'hijacking',
      'vehicular hijacking',
      'carjacking',
      'kidnapping',
      'sexual assault',
      'rape',
      'fraud',
      'vandalism',
      'criminal damage',
    ],
  },
  {
    code: 'trat-tu-kinh-te',
    group: 'trat-tu-kinh-te',
    nameVi: 'Tội phạm về trật tự quản lý kinh tế',
    nameEn: 'Crimes against economic management',
    aliases: [
      'trật tự quản lý kinh tế',
      'trật tự kinh tế',
      'quản lý kinh tế',
      'kinh tế',
      'buôn lậu',
      'vận chuyển trái phép hàng hóa',
      'hàng giả',
      'sản xuất buôn bán hàng giả',
      'hàng cấm',
      'buôn bán hàng cấm',
      'trốn thuế',
      'kinh doanh trái phép',
      'economic',
      'economic crime',
      'smuggling',
      'counterfeit',
      'counterfeiting',
      'contraband',
      'tax evasion',
    ],
  },
  {
    code: 'moi-truong',
    group: 'moi-truong',
    nameVi: 'Tội phạm về môi trường, tài nguyên, an toàn thực phẩm',
    nameEn: 'Crimes against the environment, natural resources and food safety',
    aliases: [
      'môi trường',
      'tài nguyên',
      'tài nguyên môi trường',
      'an toàn thực phẩm',
      'vệ sinh an toàn thực phẩm',
      'gây ô nhiễm môi trường',
      'ô nhiễm',
      'khai thác tài nguyên trái phép',
      'khai thác cát trái phép',
      'hủy hoại rừng',
      'phá rừng',
      'lâm sản',
      'động vật hoang dã',
      'environment',
      'environmental',
      'pollution',
      'natural resources',
      'illegal logging',
      'wildlife',
      'food safety',
    ],
  },
  {
    code: 'ma-tuy',
    group: 'ma-tuy',
    nameVi: 'Tội phạm về ma túy',
    nameEn: 'Drug crimes',
    aliases: [
      'ma túy',
      'tội phạm ma túy',
      'tàng trữ trái phép chất ma túy',
      'mua bán trái phép chất ma túy',
      'vận chuyển trái phép chất ma túy',
      'tổ chức sử dụng trái phép chất ma túy',
      'sử dụng trái phép chất ma túy',
      'heroin',
      'ma túy đá',
      'thuốc lắc',
      'cần sa',
      'drug',
      'drugs',
      'narcotic',
      'narcotics',
      'drug narcotic',
      'marijuana',
      'cannabis',
      'cocaine',
    ],
  },
  {
    code: 'tham-nhung',
    group: 'tham-nhung',
    nameVi: 'Tội phạm về tham nhũng',
    nameEn: 'Corruption',
    aliases: [
      'tham nhũng',
      'chức vụ',
      'tham ô',
      'tham ô tài sản',
      'nhận hối lộ',
      'đưa hối lộ',
      'lạm dụng chức vụ',
      'lợi dụng chức vụ',
      'lợi dụng chức vụ quyền hạn',
      'corruption',
      'bribery',
      'embezzlement',
      'abuse of office',
    ],
  },
  {
    code: 'danh-bac',
    group: 'te-nan-xa-hoi',
    nameVi: 'Đánh bạc',
    nameEn: 'Gambling',
    aliases: [
      'đánh bạc',
      'tổ chức đánh bạc',
      'gá bạc',
      'cờ bạc',
      'xóc đĩa',
      'cá độ',
      'cá độ bóng đá',
      'gambling',
      'illegal gambling',
      'betting',
    ],
  },
  {
    code: 'so-de',
    group: 'te-nan-xa-hoi',
    nameVi: 'Số đề',
    nameEn: 'Illegal lottery',
    aliases: [
      'số đề',
      'lô đề',
      'ghi đề',
      'ghi lô',
      'ghi số đề',
      'illegal lottery',
      'lottery',
      'numbers game',
    ],
  },
  {
    code: 'da-ga',
    group: 'te-nan-xa-hoi',
    nameVi: 'Đá gà',
    nameEn: 'Cockfighting',
    aliases: ['đá gà', 'đá gà ăn tiền', 'chọi gà', 'cockfighting', 'cockfight', 'cock fighting'],
  },
  {
    code: 'mai-dam',
    group: 'te-nan-xa-hoi',
    nameVi: 'Mại dâm',
    nameEn: 'Prostitution',
    aliases: [
      'mại dâm',
      'mua bán dâm',
      'mua dâm',
      'bán dâm',
      'chứa mại dâm',
      'môi giới mại dâm',
      'prostitution',
      'solicitation',
    ],
  },
  {
    code: 'tai-nan-giao-thong',
    group: 'tai-nan-giao-thong',
    nameVi: 'Tai nạn giao thông',
    nameEn: 'Traffic accident',
    aliases: [
      'tai nạn giao thông',
      'TNGT',
      'tai nạn giao thông đường bộ',
      'tai nạn giao thông đường thủy',
      'va chạm giao thông',
      'vi phạm quy định về tham gia giao thông đường bộ',
      'traffic accident',
      'traffic crash',
      'traffic collision',
      'road accident',
      'crash',
      'collision',
    ],
  },
  {
    code: 'chay-no',
    group: 'chay-no',
    nameVi: 'Cháy, nổ',
    nameEn: 'Fire or explosion',
    // Neither "cháy" nor "nổ" alone: folded, they are also "chạy" (to run) and the English "no".
    aliases: [
      'cháy nổ',
      'vụ cháy',
      'đám cháy',
      'cháy nhà',
      'hỏa hoạn',
      'vụ nổ',
      'nổ bình gas',
      'fire',
      'explosion',
      'arson',
    ],
  },
  {
    code: 'khac',
    group: 'khac',
    nameVi: 'Khác',
    nameEn: 'Other',
    aliases: ['khác', 'vụ việc khác', 'other', 'others', 'miscellaneous', 'misc'],
  },
];

/** The four classes of crime by gravity, lightest first (Bộ luật Hình sự 2015, Điều 9). */
export const SEVERITIES = [
  'it-nghiem-trong',
  'nghiem-trong',
  'rat-nghiem-trong',
  'dac-biet-nghiem-trong',
] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What the code says to people: the Penal Code's own words, and their usual English rendering. */
export const SEVERITY_NAMES: Readonly<Record<Severity, BilingualText>> = {
  'it-nghiem-trong': { vi: 'Ít nghiêm trọng', en: 'Less serious' },
  'nghiem-trong': { vi: 'Nghiêm trọng', en: 'Serious' },
  'rat-nghiem-trong': { vi: 'Rất nghiêm trọng', en: 'Very serious' },
  'dac-biet-nghiem-trong': { vi: 'Đặc biệt nghiêm trọng', en: 'Particularly serious' },
};
