import { describe, expect, it } from 'vitest';
import { csvField } from './csv-field';

describe('csvField', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('Rạch Giá')).toBe('Rạch Giá');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField(new Date('2024-03-05T00:00:00Z'))).toBe('2024-03-05T00:00:00.000Z');
  });
});
