import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { parseGal } from './gal-format';

describe('parseGal', () => {
  it('reads neighbours as 0-based record positions, with islands on blank lines', () => {
    const text = ['0 4 shapes POLYID', '1 2', '2 3', '2 1', '1', '3 0', '', '4 1', '1', ''].join('\n');
    expect(parseGal(text)).toEqual([[1, 2], [0], [], [0]]);
  });

  it('maps labels that are not positions by their record order, and accepts a one-number header', () => {
    const text = ['3', 'b 1', 'c', 'c 2', 'a b', 'a 1', 'c'].join('\r\n');
    expect(parseGal(text)).toEqual([[1], [2, 0], [1]]);
  });

  it('accepts a last island without its blank line', () => {
    expect(parseGal('2\n1 0\n\n2 0')).toEqual([[], []]);
  });

  it('refuses malformed files', () => {
    expect(() => parseGal('')).toThrow(BilingualError);
    expect(() => parseGal('2\n1 1\n2\n')).toThrow(BilingualError);
    expect(() => parseGal('2\n1 2\n2\n2 1\n1')).toThrow(BilingualError);
    expect(() => parseGal('2\n1 1\n3\n2 1\n1')).toThrow(BilingualError);
    expect(() => parseGal('2\n1 1\n2\n1 1\n1')).toThrow(BilingualError);
  });
});
