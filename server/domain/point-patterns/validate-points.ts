import { BilingualError, bilingual } from '../bilingual';

/** Checks that x and y describe the same points and that every coordinate is a finite number. */
export function validatePoints(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) {
    throw new BilingualError(
      bilingual(
        `Số hoành độ (${x.length}) và tung độ (${y.length}) không khớp nhau.`,
        `The number of x coordinates (${x.length}) and y coordinates (${y.length}) differ.`,
      ),
    );
  }
  for (let index = 0; index < x.length; index++) {
    if (!Number.isFinite(x[index]) || !Number.isFinite(y[index])) {
      throw new BilingualError(
        bilingual(
          `Điểm thứ ${index + 1} không có toạ độ hợp lệ.`,
          `Point ${index + 1} does not have valid coordinates.`,
        ),
      );
    }
  }
  return x.length;
}

/** A length (bandwidth, cell size, distance) must be a finite number above zero. */
export function validatePositiveLength(value: number, nameVi: string, nameEn: string): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new BilingualError(
      bilingual(
        `${nameVi} phải là một số dương (đang là ${value}).`,
        `${nameEn} must be a positive number (got ${value}).`,
      ),
    );
  }
}

/** Grids larger than this would take gigabytes and minutes; a larger cell answers the same question. */
export const MAXIMUM_GRID_CELLS = 25_000_000;

export function tooManyCellsError(cellCount: number): BilingualError {
  const rounded = Math.round(cellCount).toLocaleString('en-US');
  return new BilingualError(
    bilingual(
      `Lưới sẽ có khoảng ${rounded} ô, vượt quá giới hạn ${MAXIMUM_GRID_CELLS.toLocaleString('en-US')} ô. Hãy chọn kích thước ô lớn hơn.`,
      `The grid would have about ${rounded} cells, more than the limit of ${MAXIMUM_GRID_CELLS.toLocaleString('en-US')}. Please choose a larger cell size.`,
    ),
  );
}
