import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text';

describe('foldText', () => {
  it('removes tone and vowel marks and folds case', () => {
    expect(foldText('Vĩnh Thạnh')).toBe('vinh thanh');
    expect(foldText('THỊ TRẤN Thứ Mười Một')).toBe('thi tran thu muoi mot');
  });

  it('folds đ and Đ to d', () => {
    expect(foldText('Đông Thái')).toBe('dong thai');
    expect(foldText('Phường Đội Cấn')).toBe('phuong doi can');
  });

  it('treats decomposed and precomposed input alike', () => {
    expect(foldText('Thủy'.normalize('NFD'))).toBe(foldText('Thủy'.normalize('NFC')));
    // Old-style and new-style tone placement ("Thuỷ" / "Thủy") fold to the same text.
    expect(foldText('Bình Thuỷ')).toBe(foldText('Bình Thủy'));
  });

  it('turns punctuation and repeated spaces into single spaces', () => {
    expect(foldText('  Mã_xã / TT.  An-Biên ')).toBe('ma xa tt an bien');
  });
});
