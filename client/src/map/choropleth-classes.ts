/**
 * From a value per commune to a colour per commune and the legend that explains them. Pure: the store
 * computes it, the map applies the colours as feature-state, the legend lists the classes.
 */
import {
  type ClassificationMethod,
  classIndexOf,
  classify,
  type ValueClass,
} from '@domain/statistics/classification';
import { divergingColours, NO_DATA_COLOUR, sequentialColours } from './choropleth-palette';

export interface LegendClass extends ValueClass {
  colour: string;
}

export interface Choropleth {
  /** Lowest first; `count` is how many communes show in that class now. */
  classes: LegendClass[];
  /** Communes without data (drawn in NO_DATA_COLOUR). */
  noData: number;
  /** Commune code → fill colour. */
  colours: Map<string, string>;
}

export interface ChoroplethOptions {
  method: ClassificationMethod;
  classCount: number;
  /** Changes: blue below zero, red above. */
  diverging: boolean;
  /**
   * The values the classes are drawn from, when not the ones shown: during playback every month's, so a
   * colour means the same in every frame.
   */
  classifyOver?: readonly (number | null)[];
}

export function buildChoropleth(
  values: ReadonlyMap<string, number | null>,
  options: ChoroplethOptions,
): Choropleth {
  const classification = classify(
    options.classifyOver ?? [...values.values()],
    options.method,
    options.classCount,
  );
  const palette = options.diverging
    ? divergingColours(classification.classes)
    : sequentialColours(classification.classes.length);
  const classes = classification.classes.map((valueClass, index) => ({
    ...valueClass,
    count: 0,
    colour: palette[index] as string,
  }));
  const colours = new Map<string, string>();
  let noData = 0;
  for (const [code, value] of values) {
    const index = classIndexOf(classification, value);
    const legendClass = index === null ? undefined : classes[index];
    if (legendClass) {
      legendClass.count++;
      colours.set(code, legendClass.colour);
    } else {
      noData++;
      colours.set(code, NO_DATA_COLOUR);
    }
  }
  return { classes, noData, colours };
}
