import { bilingual } from '@domain/bilingual';
import { programmeYear } from '@domain/programme/programme-year';
import { fetchEras } from '../../api/boundaries';
import { fetchProgrammeCycles, fetchProgrammePhases } from '../../api/programme';
import { formatCount } from '../../format/number';
import { defaultProgrammeYear, parseProgrammeYear } from '../../format/programme-figures';
import {
  countStatuses,
  PROGRAMME_MAP_STATUSES,
  PROGRAMME_STATUS_COLOURS,
  statusesByCommune,
} from '../../format/programme-status';
import type { LayerName } from '../../format/view-state';
import { NUMBER_LOCALES } from '../../i18n';
import {
  boundaryRows,
  eraToShow,
  loadUnits,
  type PrintContent,
  PrintContentError,
  type PrintContext,
  type PrintLegendRow,
  requirePermission,
  windowText,
} from './print-content-shared';

/** The programme's print: the year's communes coloured by status. */

export async function programmeContent(
  query: Record<string, string>,
  context: PrintContext,
): Promise<Omit<PrintContent, 'box'>> {
  requirePermission(context, 'programme:read');
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const [phases, eras] = await Promise.all([fetchProgrammePhases(), fetchEras()]);
  const year = parseProgrammeYear(query.year) ?? defaultProgrammeYear(phases, new Date().getFullYear());
  if (year === null) {
    throw new PrintContentError(
      bilingual('Chưa có giai đoạn nào của chương trình', 'The programme has no phase yet'),
    );
  }
  const phase = phases.find((entry) => entry.firstYear <= year && year <= entry.lastYear);
  const settings = phase ? programmeYear(phase, year) : null;
  const cycles = await fetchProgrammeCycles({ year });
  // The era most of the year's cycles lie on, else the one in force at the end of its window.
  const counts = new Map<string, number>();
  for (const cycle of cycles) counts.set(cycle.era, (counts.get(cycle.era) ?? 0) + 1);
  const [mostUsed] = [...counts].sort((first, second) => second[1] - first[1]);
  const end = settings?.window.to;
  const inForce = eras.eras.find(
    (era) => end !== undefined && era.validFrom <= end && (era.validTo === null || end <= era.validTo),
  );
  const era = eraToShow(eras, mostUsed?.[0] ?? inForce?.label ?? null);
  const units = await loadUnits(era, true);
  const statuses = statusesByCommune(cycles.filter((cycle) => cycle.era === era));
  const legendCounts = countStatuses(
    statuses,
    units.communes.features.map((feature) => feature.properties.code),
  );
  const unit = typeof query.unit === 'string' && query.unit !== '' ? query.unit : null;
  const selected =
    unit && units.communes.features.some((feature) => feature.properties.code === unit) ? unit : null;
  const layers: LayerName[] = ['fill', 'districts', 'provinces', 'labels'];
  const rows: PrintLegendRow[] = PROGRAMME_MAP_STATUSES.filter(
    (status) => legendCounts[status] > 0 || status === 'none',
  ).map((status) => ({
    symbol: 'fill',
    colour: PROGRAMME_STATUS_COLOURS[status],
    label: t(`programme.statuses.${status}`),
    count: t('choropleth.communes', { count: formatCount(legendCounts[status], locale) }),
  }));
  rows.push(...boundaryRows(layers, units, selected, context));
  const inProgramme = [...statuses.keys()];
  return {
    units,
    paint: { kind: 'programme', statuses },
    layers,
    province: null,
    district: null,
    selectedUnit: selected,
    camera: null,
    frame: selected
      ? { codes: [selected], surroundings: true }
      : { codes: units.communes.features.map((feature) => feature.properties.code), surroundings: false },
    title: t('print.titles.programme', { year }),
    subtitle: [
      phase ? (language === 'vi' ? phase.nameVi : phase.nameEn) : null,
      settings ? `${t('programme.window')}: ${windowText(settings.window)}` : null,
      t('print.era', { era }),
    ]
      .filter(Boolean)
      .join(' · '),
    legend: { heading: t('programme.legend', { year }), rows, note: null },
    method: t('print.programmeSource', { count: formatCount(inProgramme.length, locale), year }),
    details: null,
    records: null,
    overlays: null,
    caption: null,
    comparison: null,
  };
}
