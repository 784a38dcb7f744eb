// Types for the two shpjs functions the import uses (the package ships none).
declare module 'shpjs' {
  /** Geometries of a .shp file; with no projection given, coordinates are returned as stored. */
  export function parseShp(
    shp: ArrayBuffer | ArrayBufferView,
    prj?: string | false,
  ): (GeoJSON.Geometry | null)[];
  /** Records of a .dbf file, decoded with the code page a .cpg file names (UTF-8 otherwise). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView, cpg?: string): Record<string, unknown>[];
}
