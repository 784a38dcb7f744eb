import { describe, expect, it } from 'vitest';
import { inTransaction, openDatabase } from '../server/db/database';
import {
  IncidentBatch,
  recordIncidentImport,
  storeIncidentBatch,
  withBulkWriteSettings,
} from '../server/db/queries/incidents';
import { incidentDedupKey } from '../server/domain/incidents/incident-dedup-key';
import type { PreparedIncident } from '../server/domain/incidents/prepare-incident-rows';

function incident(values: Partial<PreparedIncident>): PreparedIncident {
  const prepared: PreparedIncident = {
    row: 2,
    occurredAt: '2024-03-05T22:30:00',
    occurredDate: '2024-03-05',
    longitude: 105.08,
    latitude: 10.01,
    categoryCode: 'trat-tu-xa-hoi',
    subcategory: null,
    severity: null,
    cleared: null,
    deaths: 0,
    injuries: 0,
    source: null,
    reference: null,
    dedupKey: 0,
    ...values,
  };
  prepared.dedupKey = values.dedupKey ?? incidentDedupKey(prepared);
  return prepared;
}

function store(database: ReturnType<typeof openDatabase>, incidents: PreparedIncident[]): number {
  const batch = new IncidentBatch([]);
  for (const each of incidents) batch.add(each, []);
  return withBulkWriteSettings(database, () =>
    inTransaction(database, () => {
      const importId = recordIncidentImport(database, {
        sourceFile: 'test.csv',
        format: 'csv',
        readCount: incidents.length,
        acceptedCount: incidents.length,
        insertedCount: 0,
        rejectedCount: 0,
        rejectedRows: '[]',
        actor: 'test',
        importedAt: '2024-03-06T00:00:00Z',
      });
      return storeIncidentBatch(database, batch, importId, '2024-03-06T00:00:00Z');
    }),
  );
}

describe('storing incident batches', () => {
  it('skips repeats within a batch and incidents stored before', () => {
    const database = openDatabase();
    const first = incident({ reference: '1/2024' });
    const second = incident({ reference: '2/2024' });
    expect(store(database, [first, second, { ...first, longitude: 106 }])).toBe(2);
    expect(store(database, [second, incident({ reference: '3/2024' })])).toBe(1);
    expect(database.$client.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(3);
  });

  it('stores a different incident whose key is taken under the next free key, and knows it again', () => {
    const database = openDatabase();
    const key = 123_456_789;
    const one = incident({ reference: 'A', dedupKey: key });
    const other = incident({ reference: 'B', dedupKey: key });
    expect(store(database, [one, other])).toBe(2);
    const keys = database.$client.prepare('SELECT dedup_key FROM incidents ORDER BY id').pluck().all();
    expect(keys).toEqual([key, key + 1]);
    expect(store(database, [other, one, incident({ reference: 'C', dedupKey: key })])).toBe(1);
    expect(database.$client.prepare('SELECT max(dedup_key) FROM incidents').pluck().get()).toBe(key + 2);
  });

  it('builds the indexes again after a bulk load and keeps foreign keys on afterwards', () => {
    const database = openDatabase();
    const many = Array.from({ length: 12_000 }, (_, index) => incident({ reference: `${index}/2024` }));
    expect(store(database, many)).toBe(12_000);
    const indexes = database.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' ORDER BY name")
      .pluck()
      .all();
    expect(indexes).toContain('incidents_dedup_key_unique');
    expect(database.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store(database, many)).toBe(0);
  });
});
