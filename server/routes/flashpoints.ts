import { z } from 'zod';
import { flashpointQueries } from '../db/queries/records';
import { bilingual } from '../domain/bilingual';
import {
  FLASHPOINT_KIND_NAMES,
  FLASHPOINT_KINDS,
  FLASHPOINT_SEVERITIES,
  FLASHPOINT_SEVERITY_NAMES,
  FLASHPOINT_STATUS_NAMES,
  FLASHPOINT_STATUSES,
  namedCodes,
} from '../domain/records/record-vocabulary';
import type { AppContext } from './context';
import { siteRoutes } from './site-routes';

/**
 * /api/flashpoints: flashpoints ("điểm nóng": disputes and complaints that gather people), drawn as a point
 * or an area, with the number of people involved, the area and how complex they are; otherwise as every
 * site register (see siteRoutes).
 */
export function flashpointRoutes(context: AppContext) {
  return siteRoutes(context, {
    type: 'flashpoint',
    noun: bilingual('điểm nóng', 'flashpoint'),
    path: '/api/flashpoints',
    kinds: FLASHPOINT_KINDS,
    kindNames: FLASHPOINT_KIND_NAMES,
    statuses: FLASHPOINT_STATUSES,
    statusNames: FLASHPOINT_STATUS_NAMES,
    firstStatus: 'arising',
    allowAreas: true,
    ownFields: {
      peopleInvolved: z.number().int().min(0).max(10_000_000).nullable().optional(),
      areaHa: z.number().min(0).max(100_000_000).nullable().optional(),
      severity: z.enum(FLASHPOINT_SEVERITIES),
    },
    ownExpectations: {
      severity: bilingual(
        `một trong ${FLASHPOINT_SEVERITIES.join(', ')}`,
        `one of ${FLASHPOINT_SEVERITIES.join(', ')}`,
      ),
      peopleInvolved: bilingual(
        'số người, số nguyên không âm',
        'a number of people, a whole number, 0 or more',
      ),
      areaHa: bilingual('diện tích (ha), số không âm', 'an area in hectares, 0 or more'),
    },
    ownVocabulary: { severities: namedCodes(FLASHPOINT_SEVERITIES, FLASHPOINT_SEVERITY_NAMES) },
    queries: flashpointQueries,
    anchorOf: (record) => [record.anchorLongitude, record.anchorLatitude],
    geometryOf: (record) => JSON.parse(record.geometry) as unknown,
    placeColumns: (checked) => ({
      geometry: JSON.stringify(checked.geometry),
      anchorLongitude: checked.anchor[0],
      anchorLatitude: checked.anchor[1],
      // An area is measured; a point has no size, so one given or kept stays.
      ...(checked.areaHa !== null && { areaHa: checked.areaHa }),
    }),
  });
}
