/**
 * The trend chart's geometry: years along x, percentages 0–100 up y, one line per figure broken where a
 * year has no figure (nothing assessed or monitored), and each target as a line through its yearly values.
 */

export interface TrendPoint {
  year: number;
  achievedPct: number | null;
  targetPct: number;
  sustainedPct: number | null;
  sustainedTargetPct: number;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartMarker {
  year: number;
  x: number;
  y: number;
  value: number;
}

export interface TrendChart {
  /** SVG path data ("M x y L x y …"), one subpath per unbroken run. */
  achieved: string;
  sustained: string;
  achievedTarget: string;
  sustainedTarget: string;
  achievedMarkers: ChartMarker[];
  sustainedMarkers: ChartMarker[];
  years: { year: number; x: number }[];
  /** Horizontal grid lines at 0, 25, 50, 75 and 100 %. */
  gridLines: { value: number; y: number }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

export function trendChart(points: readonly TrendPoint[], box: ChartBox): TrendChart {
  const sorted = [...points].sort((first, second) => first.year - second.year);
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const step = sorted.length > 1 ? plotWidth / (sorted.length - 1) : 0;
  const xOf = (index: number) => round(box.left + (sorted.length > 1 ? index * step : plotWidth / 2));
  const yOf = (value: number) => round(box.top + plotHeight * (1 - Math.min(100, Math.max(0, value)) / 100));

  const line = (figureOf: (point: TrendPoint) => number | null): { path: string; markers: ChartMarker[] } => {
    const parts: string[] = [];
    const markers: ChartMarker[] = [];
    let drawing = false;
    sorted.forEach((point, index) => {
      const value = figureOf(point);
      if (value === null) {
        drawing = false;
        return;
      }
      const x = xOf(index);
      const y = yOf(value);
      parts.push(`${drawing ? 'L' : 'M'}${x} ${y}`);
      markers.push({ year: point.year, x, y, value });
      drawing = true;
    });
    return { path: parts.join(' '), markers };
  };

  const achieved = line((point) => point.achievedPct);
  const sustained = line((point) => point.sustainedPct);
  return {
    achieved: achieved.path,
    sustained: sustained.path,
    achievedTarget: line((point) => point.targetPct).path,
    sustainedTarget: line((point) => point.sustainedTargetPct).path,
    achievedMarkers: achieved.markers,
    sustainedMarkers: sustained.markers,
    years: sorted.map((point, index) => ({ year: point.year, x: xOf(index) })),
    gridLines: [0, 25, 50, 75, 100].map((value) => ({ value, y: yOf(value) })),
  };
}
