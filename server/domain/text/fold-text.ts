/**
 * Folds Vietnamese (or any Latin-script) text for matching: lower case, tone and vowel marks removed,
 * "đ" → "d", and every run of characters that are not letters or digits turned into one space.
 * "Thị trấn Vĩnh Thuận" and "thi tran  vinh-thuan" both fold to "thi tran vinh thuan".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folded and without spaces, for matching column names: "Mã_xã", "MA XA" and "maxa" give "maxa". */
export function columnKey(name: string): string {
  return foldText(name).replace(/ /g, '');
}
