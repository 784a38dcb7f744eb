import { BilingualError, bilingual } from '../bilingual';

/**
 * Reads a GAL neighbour file (GeoDa / libpysal `GalIO`): a header line "n" or "0 n [layer id-field]", then
 * for each of the n observations a line "id neighbourCount" and a line with that many neighbour ids (empty
 * for an island). Ids are labels, not positions: observation k is the k-th record of the file, and the
 * result gives, for each record in file order, its neighbours as 0-based record positions, in the file's
 * order. (For Columbus the ids are 1 … 49 in record order, so position = id − 1.)
 */
export function parseGal(text: string): number[][] {
  const lines = text.split(/\r?\n/);
  let line = 0;
  const nextNonBlank = (): string[] | null => {
    while (line < lines.length) {
      const fields = (lines[line++] as string).trim().split(/\s+/).filter(Boolean);
      if (fields.length > 0) return fields;
    }
    return null;
  };
  const header = nextNonBlank();
  const countText = header === null ? undefined : header.length === 1 ? header[0] : header[1];
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1) {
    throw galError(
      'Dòng đầu không ghi số đối tượng.',
      'The first line does not give the number of observations.',
    );
  }
  const ids: string[] = [];
  const neighbourIds: string[][] = [];
  for (let record = 0; record < count; record++) {
    const fields = nextNonBlank();
    const neighbourCount = Number(fields?.[1]);
    if (fields === null || fields.length !== 2 || !Number.isInteger(neighbourCount) || neighbourCount < 0) {
      throw galError(
        `Bản ghi thứ ${record + 1} thiếu dòng "mã số_láng_giềng".`,
        `Record ${record + 1} lacks its "id neighbourCount" line.`,
      );
    }
    // The neighbour line always follows, blank for an island (as libpysal writes it).
    const listed = line < lines.length ? (lines[line++] as string).trim().split(/\s+/).filter(Boolean) : [];
    if (listed.length !== neighbourCount) {
      throw galError(
        `Đối tượng ${fields[0]} khai báo ${neighbourCount} láng giềng nhưng liệt kê ${listed.length}.`,
        `Observation ${fields[0]} declares ${neighbourCount} neighbours but lists ${listed.length}.`,
      );
    }
    ids.push(fields[0] as string);
    neighbourIds.push(listed);
  }
  const positionOf = new Map<string, number>();
  ids.forEach((id, position) => {
    if (positionOf.has(id)) throw galError(`Mã ${id} xuất hiện hai lần.`, `The id ${id} appears twice.`);
    positionOf.set(id, position);
  });
  return neighbourIds.map((listed, record) =>
    listed.map((id) => {
      const position = positionOf.get(id);
      if (position === undefined) {
        throw galError(
          `Đối tượng ${ids[record]} có láng giềng ${id} không có trong tệp.`,
          `Observation ${ids[record]} has neighbour ${id}, which is not in the file.`,
        );
      }
      return position;
    }),
  );
}

function galError(vi: string, en: string): BilingualError {
  return new BilingualError(bilingual(`Tệp GAL không hợp lệ: ${vi}`, `Invalid GAL file: ${en}`));
}
