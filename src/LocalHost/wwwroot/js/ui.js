// Screen switching, the processing message, live announcements and error display.

import { setRawText, setText, t } from './i18n.js';
import { formatDateTime } from './format.js';

const byId = (id) => document.getElementById(id);

let currentScreen = 'main';
let busy = false;
let errorShownAt = null;

export function screenElement(name) {
  return document.querySelector(`section[data-screen="${name}"]`);
}

export function getCurrentScreen() {
  return currentScreen;
}

export function showScreen(name, { focus = true } = {}) {
  for (const section of document.querySelectorAll('section[data-screen]')) {
    section.hidden = section.dataset.screen !== name;
  }
  const section = screenElement(name);
  // There is one #back-button (ids are unique); it moves into whichever screen offers 「戻る」.
  const slot = section.querySelector('[data-back-slot]');
  if (slot) slot.append(byId('back-button'));
  currentScreen = name;
  refreshDocumentTitle();
  if (focus) {
    window.scrollTo(0, 0);
    section.querySelector('h2')?.focus();
  }
}

export function refreshDocumentTitle() {
  const heading = screenElement(currentScreen)?.querySelector('h2');
  const appName = t('app.name');
  document.title = heading ? `${heading.textContent} | ${appName}` : appName;
}

export function isBusy() {
  return busy;
}

/**
 * Runs a call to the center with the processing message shown and the screen's buttons
 * disabled. Callers check isBusy() first; busy is set before the first await so that a
 * second click in the same tick is refused.
 */
export async function runBusy(section, task, { note = null } = {}) {
  busy = true;
  const buttons = [...section.querySelectorAll('button')].filter((button) => !button.disabled);
  for (const button of buttons) button.disabled = true;
  section.setAttribute('aria-busy', 'true');
  const noteLine = byId('processing-note');
  if (note) setText(noteLine, note);
  noteLine.hidden = !note;
  byId('processing').hidden = false;
  try {
    return await task();
  } finally {
    busy = false;
    byId('processing').hidden = true;
    noteLine.hidden = true;
    section.removeAttribute('aria-busy');
    for (const button of buttons) button.disabled = false;
  }
}

/** Speaks a message through a live region without showing it twice on screen. */
export function announce(text, { assertive = false } = {}) {
  const region = byId(assertive ? 'live-assertive' : 'live-polite');
  region.textContent = '';
  // A new text node in a later frame makes screen readers repeat an identical message.
  requestAnimationFrame(() => {
    region.textContent = text;
  });
}

export function problemOf(error, fallback) {
  if (error?.problem) return error.problem;
  console.error(error);
  return fallback ?? {
    code: 'G005e',
    status: 0,
    title: t('error.unexpectedTitle'),
    remedy: t('error.unexpectedRemedy'),
  };
}

function fieldErrorElement(input) {
  return byId(`${input.id}-error`);
}

export function setFieldError(input, { key, text }) {
  const element = fieldErrorElement(input);
  if (key) setText(element, key);
  else setRawText(element, text);
  element.hidden = false;
  input.setAttribute('aria-invalid', 'true');
}

export function clearFormErrors(form) {
  for (const input of form.querySelectorAll('input')) {
    input.removeAttribute('aria-invalid');
    const element = fieldErrorElement(input);
    if (element) {
      element.hidden = true;
      setRawText(element, '');
    }
  }
  const box = form.querySelector('[data-problem]');
  if (box) box.hidden = true;
}

export function fillProblem(container, problem) {
  setRawText(container.querySelector('.problem-code'), problem.code);
  setRawText(container.querySelector('.problem-title'), problem.title);
  setRawText(container.querySelector('.problem-remedy'), problem.remedy);
}

// Validation keys may come as "LoginId", "request.loginId" or "$.loginId"; inputs are named "loginId".
function fieldName(key) {
  return key.split('.').pop().replace(/^\$/, '').toLowerCase();
}

function fieldMessages(problem) {
  return Object.entries(problem.errors ?? {}).map(([field, messages]) => ({
    field,
    text: [].concat(messages).join(' '),
  }));
}

function fillList(list, entries) {
  list.replaceChildren(...entries.map(({ text }) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
  list.hidden = entries.length === 0;
}

/**
 * Shows an input error on the form itself: the code, title and remedy above the buttons,
 * and each field's messages next to its input. Focus goes to the first field in error,
 * else to fallbackFocus (the field to type again), else to the message.
 */
export function showInlineProblem(form, problem, fallbackFocus) {
  // The proxy sign-in was cancelled: its screen has already returned to the main screen.
  if (problem.cancelled) return;
  const box = form.querySelector('[data-problem]');
  fillProblem(box, problem);

  const inputs = [...form.querySelectorAll('input')];
  const unmatched = [];
  for (const entry of fieldMessages(problem)) {
    const input = inputs.find((candidate) => candidate.name.toLowerCase() === fieldName(entry.field));
    if (input) setFieldError(input, { text: entry.text });
    else unmatched.push(entry);
  }
  fillList(box.querySelector('.problem-fields'), unmatched);
  box.hidden = false;
  announce(`${problem.code} ${problem.title} ${problem.remedy ?? ''}`, { assertive: true });

  const target = inputs.find((input) => input.getAttribute('aria-invalid') === 'true')
    ?? fallbackFocus
    ?? box;
  target.focus();
}

/** CCHK902: the abnormal-end screen. */
export function showErrorScreen(problem) {
  if (problem.cancelled) return;
  setRawText(byId('error-code'), problem.code);
  setRawText(byId('error-title'), problem.title);
  setRawText(byId('error-remedy'), problem.remedy);
  setRawText(byId('error-detail'), problem.detail);
  byId('error-detail-row').hidden = !problem.detail;
  const fields = fieldMessages(problem).map(({ field, text }) => ({ text: `${field}: ${text}` }));
  fillList(byId('error-fields'), fields);
  byId('error-fields-heading').hidden = fields.length === 0;
  errorShownAt = new Date();
  renderErrorTime();
  showScreen('error');
  announce(`${problem.code} ${problem.title}`, { assertive: true });
}

export function renderErrorTime() {
  if (!errorShownAt) return;
  setText(byId('error-time'), 'error.occurredAt', { time: formatDateTime(errorShownAt) });
}
