import type { ProgrammeList, ProgrammeListDecision } from './programme-list-export';

/**
 * The decision annex as HTML for Chromium to print: A4 portrait with the margins of Nghị định
 * 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm), the issuing body and the national motto
 * side by side, the title, "(Kèm theo Quyết định số … ngày … của …)", the table of communes with each
 * one's reason, the total, and room for the signature. Every value from the list is escaped.
 */

export interface AnnexFonts {
  /** Installed families holding every Vietnamese letter, best first. */
  families: string[];
  /** Faces to embed when no such family is installed (Noto Sans, as the client bundles it). */
  embedded: { weight: 400 | 700; subset: 'latin' | 'vietnamese'; woff2: string }[];
}

const EMBEDDED_FAMILY = 'Diaban Noto Sans';
/** The Unicode ranges of @fontsource's subsets, so that each file is taken only for its letters. */
const SUBSET_RANGES = {
  latin:
    'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  vietnamese:
    'U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB',
} as const;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function listTitle(year: number): string {
  return `DANH SÁCH XÃ, PHƯỜNG, THỊ TRẤN TRỌNG ĐIỂM, PHỨC TẠP VỀ TRẬT TỰ, AN TOÀN XÃ HỘI THỰC HIỆN CHUYỂN HÓA NĂM ${year}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] as string);
}

/**
 * "tỉnh Kiên Giang" for the committee's name, from "Tỉnh Kiên Giang", "Kiên Giang", "Thành phố Cần Thơ" or
 * "TP. Hồ Chí Minh"; null without a province.
 */
export function provinceForCommittee(province: string | null): string | null {
  const name = province?.trim() ?? '';
  if (name === '') return null;
  const match = /^(tỉnh|thành phố|tp\.?)\s+/iu.exec(name);
  if (!match) return `tỉnh ${name}`;
  const kind = (match[1] as string).toLocaleLowerCase('vi') === 'tỉnh' ? 'tỉnh' : 'thành phố';
  return `${kind} ${name.slice(match[0].length)}`;
}

/** "Ban Chỉ đạo 138 tỉnh Kiên Giang". */
export function committeeName(province: string | null): string {
  const place = provinceForCommittee(province);
  return place ? `Ban Chỉ đạo 138 ${place}` : 'Ban Chỉ đạo 138';
}

/**
 * "ngày 05 tháng 02 năm 2024": as the decree writes dates, a day below 10 and the months 1 and 2 with a
 * leading zero, the other months without ("ngày 15 tháng 3 năm 2024").
 */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const monthText = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${String(day).padStart(2, '0')} tháng ${monthText} năm ${year}`;
}

/** "Kèm theo Quyết định số 93/QĐ-BCĐ ngày 12 tháng 4 năm 2024 của Ban Chỉ đạo 138 tỉnh Kiên Giang". */
export function vietnameseDecisionLine(
  decision: ProgrammeListDecision | null,
  province: string | null,
): string {
  const committee = committeeName(province);
  if (!decision) return `Kèm theo Quyết định số ……/QĐ-BCĐ ngày …… tháng …… năm …… của ${committee}`;
  return `Kèm theo Quyết định số ${decision.number} ${vietnameseDate(decision.date)} của ${committee}`;
}

/** "3 đơn vị (1 xã, 1 phường, 1 thị trấn)": the communes counted, by kind in the usual order. */
export function totalText(list: ProgrammeList): string {
  const counts = new Map<string, number>();
  for (const row of list.rows) {
    const kind = row.kind?.trim().toLocaleLowerCase('vi');
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const order = ['xã', 'phường', 'thị trấn'];
  const kinds = [...counts.keys()].sort((first, second) => {
    const rank = (kind: string) => (order.includes(kind) ? order.indexOf(kind) : order.length);
    return rank(first) - rank(second) || first.localeCompare(second, 'vi');
  });
  const parts = kinds.map((kind) => `${counts.get(kind)} ${kind}`);
  const total = `${list.rows.length} đơn vị`;
  return parts.length > 0 ? `${total} (${parts.join(', ')})` : total;
}

function fontCss(fonts: AnnexFonts): { faces: string; stack: string } {
  const faces = fonts.embedded
    .map(
      (face) =>
        `@font-face{font-family:"${EMBEDDED_FAMILY}";font-style:normal;font-weight:${face.weight};` +
        `src:url(data:font/woff2;base64,${face.woff2}) format("woff2");unicode-range:${SUBSET_RANGES[face.subset]};}`,
    )
    .join('\n');
  const families = [...fonts.families, ...(fonts.embedded.length > 0 ? [EMBEDDED_FAMILY] : [])];
  const stack = [...families.map((family) => `"${family.replace(/["\\]/g, '')}"`), 'serif'].join(', ');
  return { faces, stack };
}

export function programmeListAnnexHtml(list: ProgrammeList, fonts: AnnexFonts): string {
  const { faces, stack } = fontCss(fonts);
  // "BAN CHỈ ĐẠO 138" over "TỈNH KIÊN GIANG", as the body's name is set in two lines.
  const place = provinceForCommittee(list.province);
  const committeeLines = place ? ['Ban Chỉ đạo 138', place] : ['Ban Chỉ đạo 138'];
  const title = listTitle(list.year);
  const documentTitle = list.decision?.title?.trim() || `Danh sách chuyển hóa năm ${list.year}`;
  const rows = list.rows
    .map(
      (row, index) =>
        `<tr><td class="number">${index + 1}</td><td>${escapeHtml(row.name)}</td>` +
        `<td>${escapeHtml(row.district ?? '')}</td><td class="reason">${escapeHtml(row.justification)}</td></tr>`,
    )
    .join('\n');
  const signer = list.decision?.signer?.trim() ?? '';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:">
<title>${escapeHtml(documentTitle)}</title>
<style>
${faces}
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${stack}; font-size: 13pt; line-height: 1.3; color: #000; }
.header { width: 100%; border-collapse: collapse; }
.header td { vertical-align: top; text-align: center; padding: 0; }
.header .body { width: 40%; font-weight: bold; text-transform: uppercase; font-size: 12pt; }
.header .nation { width: 60%; }
.nation .name { font-weight: bold; font-size: 12pt; white-space: nowrap; }
.nation .motto { font-weight: bold; font-size: 13pt; white-space: nowrap; }
.rule { display: block; margin: 4pt auto 0; border-top: 0.75pt solid #000; }
.body .rule { width: 30%; }
.nation .rule { width: 58%; }
h1 { margin: 20pt 0 0; text-align: center; font-size: 13.5pt; font-weight: bold; }
.attached { margin: 4pt 0 0; text-align: center; font-style: italic; }
.attached + .rule { width: 25%; margin-top: 6pt; }
table.list { width: 100%; margin-top: 14pt; border-collapse: collapse; font-size: 12pt; }
table.list th, table.list td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top; }
table.list th { font-weight: bold; text-align: center; vertical-align: middle; }
table.list thead { display: table-header-group; }
table.list tr { break-inside: avoid; }
table.list .number { width: 10mm; text-align: center; }
table.list .commune { width: 38mm; }
table.list .district { width: 32mm; }
table.list .reason { text-align: justify; }
table.list tfoot { display: table-row-group; }
table.list tfoot td { font-weight: bold; }
.signature { width: 55%; margin: 18pt 0 0 auto; text-align: center; break-inside: avoid; }
.signature .role { font-weight: bold; text-transform: uppercase; }
.signature .space { height: 32mm; }
.signature .signer { font-weight: bold; }
</style>
</head>
<body>
<table class="header"><tr>
<td class="body">${committeeLines.map((line) => `<div>${escapeHtml(line.toLocaleUpperCase('vi'))}</div>`).join('')}<span class="rule"></span></td>
<td class="nation"><div class="name">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="motto">Độc lập - Tự do - Hạnh phúc</div><span class="rule"></span></td>
</tr></table>
<h1>${escapeHtml(title)}</h1>
<p class="attached">(${escapeHtml(vietnameseDecisionLine(list.decision, list.province))})</p>
<span class="rule"></span>
<table class="list">
<thead><tr><th class="number">STT</th><th class="commune">Tên xã, phường, thị trấn</th><th class="district">Huyện (cũ)</th><th>Lý do lựa chọn</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="4">Tổng số: ${escapeHtml(totalText(list))}</td></tr></tfoot>
</table>
<div class="signature">
<div class="role">TM. BAN CHỈ ĐẠO</div>
<div class="role">TRƯỞNG BAN</div>
<div class="space"></div>
<div class="signer">${escapeHtml(signer)}</div>
</div>
</body>
</html>
`;
}
