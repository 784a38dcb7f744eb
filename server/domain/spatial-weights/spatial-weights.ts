/**
 * Spatial weights as a sparse row-compressed matrix: the neighbours of observation i are
 * `neighbours[offsets[i]]` … `neighbours[offsets[i + 1] - 1]`, in increasing order, with the weights at the
 * same positions. Observations are numbered 0 … count − 1 in input order.
 */
export interface SpatialWeights {
  readonly count: number;
  /** count + 1 entries; offsets[0] = 0 and offsets[count] = the number of links. */
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly weights: Float64Array;
  /** How the neighbours were chosen, for a result to cite: "queen", "rook", "knn:4", "distance:1500". */
  readonly kind: string;
  /** binary: every weight is 1; row: each row sums to 1 (rows without neighbours stay empty). */
  readonly transform: 'binary' | 'row';
  /** Whether each observation is its own neighbour (the G_i* form). */
  readonly includesSelf: boolean;
}
