import { viceSpotQueries } from '../db/queries/records';
import { bilingual } from '../domain/bilingual';
import {
  VICE_SPOT_KIND_NAMES,
  VICE_SPOT_KINDS,
  VICE_SPOT_STATUS_NAMES,
  VICE_SPOT_STATUSES,
} from '../domain/records/record-vocabulary';
import type { AppContext } from './context';
import { siteRoutes } from './site-routes';

/**
 * /api/vice-spots: recurring vice spots ("tụ điểm": drugs, gambling, prostitution), points only, with the
 * same routes as /api/flashpoints (see siteRoutes) and statuses active → eliminated ("triệt xóa") →
 * re-formed.
 */
export function viceSpotRoutes(context: AppContext) {
  return siteRoutes(context, {
    type: 'vice-spot',
    noun: bilingual('tụ điểm', 'vice spot'),
    path: '/api/vice-spots',
    kinds: VICE_SPOT_KINDS,
    kindNames: VICE_SPOT_KIND_NAMES,
    statuses: VICE_SPOT_STATUSES,
    statusNames: VICE_SPOT_STATUS_NAMES,
    firstStatus: 'active',
    allowAreas: false,
    ownFields: {},
    ownExpectations: {
      geometry: bilingual(
        'một điểm GeoJSON {"type": "Point", "coordinates": [kinh độ, vĩ độ]}',
        'a GeoJSON point {"type": "Point", "coordinates": [longitude, latitude]}',
      ),
    },
    ownVocabulary: {},
    queries: viceSpotQueries,
    anchorOf: (record) => [record.longitude, record.latitude],
    geometryOf: (record) => ({ type: 'Point' as const, coordinates: [record.longitude, record.latitude] }),
    placeColumns: (checked) => ({ longitude: checked.anchor[0], latitude: checked.anchor[1] }),
  });
}
