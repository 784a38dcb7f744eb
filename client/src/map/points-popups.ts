/**
 * The content of map popups, built as DOM with text nodes only: titles and notes are typed by users and
 * must never be read as HTML.
 */

export interface PopupRow {
  label: string;
  value: string;
  /** A test id for the value, so browser tests can read it. */
  testId?: string;
}

export interface PopupAction {
  label: string;
  testId: string;
  run: () => void;
}

export interface PopupContent {
  heading: string;
  subheading?: string | null;
  rows: PopupRow[];
  actions?: PopupAction[];
  testId: string;
}

export function popupElement(content: PopupContent): HTMLElement {
  const root = document.createElement('div');
  root.className = 'record-popup';
  root.dataset.testid = content.testId;
  const heading = document.createElement('strong');
  heading.className = 'record-popup-heading';
  heading.textContent = content.heading;
  root.append(heading);
  if (content.subheading) {
    const subheading = document.createElement('div');
    subheading.className = 'record-popup-subheading';
    subheading.textContent = content.subheading;
    root.append(subheading);
  }
  const list = document.createElement('dl');
  for (const row of content.rows) {
    const term = document.createElement('dt');
    term.textContent = row.label;
    const value = document.createElement('dd');
    value.textContent = row.value;
    if (row.testId) value.dataset.testid = row.testId;
    list.append(term, value);
  }
  root.append(list);
  if (content.actions?.length) {
    const actions = document.createElement('div');
    actions.className = 'record-popup-actions';
    for (const action of content.actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button';
      button.dataset.testid = action.testId;
      button.textContent = action.label;
      button.addEventListener('click', action.run);
      actions.append(button);
    }
    root.append(actions);
  }
  return root;
}

/** Replaces the value of a row once it arrives (the incident's reference is fetched on click). */
export function fillPopupValue(root: HTMLElement, testId: string, value: string): void {
  const element = root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (element) element.textContent = value;
}
