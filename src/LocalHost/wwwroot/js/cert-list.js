// The certificate list of the main screen: a single-select listbox (WAI-ARIA pattern with
// aria-activedescendant). Arrow keys, Home and End move and select; Enter and Space select.
// The selected row is drawn inverted, as the manual describes.

import { t } from './i18n.js';
import { formatDate, isFuture } from './format.js';

export function renewalState(certificate, now = new Date()) {
  if (certificate.revoked) return 'revoked';
  if (certificate.supersededBy) return 'superseded';
  if (certificate.renewable) return 'renewable';
  if (!certificate.expired && isFuture(certificate.renewalOpensAt, now)) return 'notYet';
  return 'notRenewable';
}

function subjectLine(certificate) {
  if (certificate.subject) return certificate.subject;
  return [
    `CN=${certificate.commonName ?? ''}`,
    `OU=${certificate.organizationalUnit ?? ''}`,
    `O=${certificate.organization ?? ''}`,
  ].join(', ');
}

function span(className, text) {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

function badge(certificate) {
  const state = renewalState(certificate);
  const labels = { renewable: 'cert.renewable', revoked: 'cert.revoked', superseded: 'cert.superseded' };
  const text = state === 'notYet'
    ? t('cert.notYet', { date: formatDate(certificate.renewalOpensAt) })
    : t(labels[state] ?? 'cert.notRenewable');
  return span(`badge badge-${state}`, text);
}

function optionElement(certificate, index) {
  const option = document.createElement('li');
  option.id = `cert-option-${index}`;
  option.className = 'cert-option';
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  option.dataset.index = String(index);
  option.dataset.thumbprint = certificate.thumbprint;

  const meta = document.createElement('span');
  meta.className = 'cert-meta';
  meta.append(
    span('cert-expiry', t('cert.expires', { date: formatDate(certificate.notAfter) })),
    span('cert-days', t('cert.daysLeft', { days: certificate.daysLeft })),
    badge(certificate),
  );
  option.append(span('cert-subject', subjectLine(certificate)), meta);
  return option;
}

export class CertificateList {
  #list;
  #onChange;
  #items = [];
  #active = -1;
  #selected = -1;

  constructor(listElement, onChange) {
    this.#list = listElement;
    this.#onChange = onChange;
    listElement.addEventListener('keydown', (event) => this.#onKeyDown(event));
    listElement.addEventListener('click', (event) => this.#onClick(event));
  }

  get selected() {
    return this.#items[this.#selected] ?? null;
  }

  get length() {
    return this.#items.length;
  }

  /** Replaces the rows, keeping the selection when the same certificate is still listed. */
  setCertificates(certificates) {
    const previous = this.selected?.thumbprint;
    this.#items = certificates;
    this.#selected = certificates.findIndex((certificate) => certificate.thumbprint === previous);
    this.#active = this.#selected;
    this.render();
    this.#onChange(this.selected);
  }

  clearSelection() {
    this.#selected = -1;
    this.#active = -1;
    this.#paintState();
    this.#onChange(null);
  }

  render() {
    this.#list.replaceChildren(...this.#items.map(optionElement));
    this.#paintState();
  }

  #paintState() {
    for (const option of this.#list.children) {
      const index = Number(option.dataset.index);
      option.setAttribute('aria-selected', String(index === this.#selected));
      option.classList.toggle('is-active', index === this.#active);
    }
    if (this.#active >= 0) {
      this.#list.setAttribute('aria-activedescendant', `cert-option-${this.#active}`);
    } else {
      this.#list.removeAttribute('aria-activedescendant');
    }
  }

  #select(index) {
    if (index < 0 || index >= this.#items.length) return;
    const changed = index !== this.#selected;
    this.#active = index;
    this.#selected = index;
    this.#paintState();
    this.#list.children[index].scrollIntoView({ block: 'nearest' });
    if (changed) this.#onChange(this.selected);
  }

  #onKeyDown(event) {
    if (this.#items.length === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const last = this.#items.length - 1;
    const targets = {
      ArrowDown: Math.min(this.#active + 1, last),
      ArrowUp: Math.max(this.#active - 1, 0),
      Home: 0,
      End: last,
      Enter: Math.max(this.#active, 0),
      ' ': Math.max(this.#active, 0),
    };
    if (!(event.key in targets)) return;
    event.preventDefault();
    this.#select(targets[event.key]);
  }

  #onClick(event) {
    const option = event.target.closest('[role="option"]');
    if (!option) return;
    this.#select(Number(option.dataset.index));
    this.#list.focus();
  }
}
