import { todayInVietnam } from '@domain/dates/calendar-date';
import { useBoundariesStore } from '../../stores/boundaries';
import { useViewStore } from '../../stores/view';
import { dateInEra, eraOnDate } from './era-date';

/**
 * Switching the map between eras, keeping its era and "as on" date together: an era chosen brings a date
 * inside it (the date shown, else today, moved into the era), a date chosen brings the era valid on it.
 */
export function useEraSwitch() {
  const view = useViewStore();
  const boundaries = useBoundariesStore();

  /** The date the map is as on: the one chosen, else today within the era on screen. */
  function shownDate(): string | null {
    const era = boundaries.currentEra;
    if (!era) return view.date;
    return dateInEra(era, view.date ?? todayInVietnam(new Date()));
  }

  function chooseEra(label: string): void {
    const era = boundaries.eras.find((candidate) => candidate.label === label);
    view.setEraAndDate(label, era ? dateInEra(era, view.date ?? todayInVietnam(new Date())) : view.date);
  }

  /** False when no era is valid on the date (the map stays as it is). */
  function chooseDate(date: string): boolean {
    const era = eraOnDate(boundaries.eras, date, boundaries.currentEra);
    if (!era) return false;
    view.setEraAndDate(era.label, date);
    return true;
  }

  /** Another era's commune: its era, and the commune selected and framed once its units are there. */
  function showUnitOf(eraLabel: string, code: string): void {
    chooseEra(eraLabel);
    view.selectUnit(code);
    view.requestFit('selected-unit');
  }

  return { shownDate, chooseEra, chooseDate, showUnitOf };
}
