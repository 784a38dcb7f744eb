/** A position as [x, y]: [longitude, latitude] in degrees once imported, source units before. */
export type Position = number[];
/** A closed ring: the first position is repeated at the end. */
export type Ring = Position[];
/** Exterior ring first, then holes. */
export type PolygonCoordinates = Ring[];
export type MultiPolygonCoordinates = PolygonCoordinates[];
export type LineCoordinates = Position[];
/** [minX, minY, maxX, maxY]. */
export type BoundingBox = [number, number, number, number];
