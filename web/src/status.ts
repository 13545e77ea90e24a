/**
 * The customer's status page. With `?t=` (the signed link in our messages) it shows the complaint
 * straight away; otherwise it asks for the reference and the email or the phone's last 4 digits.
 * It shows the stage, the next deadline the customer is owed, what we asked them for and when, and
 * our decision once made. Unknown and wrong contact get the same answer, as from the API.
 */
import { REFERENCE_PATTERN } from '#shared/contracts/complaint-requests';
import type { ComplaintStatusView } from '../../services/intake/domain/intake-responses';
import { apiBase, askedLanguage, formatInstant, pageLanguage, query, showProblem } from './page';
import { words } from './status-messages';
import { enableUpload } from './status-upload';

const form = document.querySelector<HTMLFormElement>('#lookup-form')!;
const submit = document.querySelector<HTMLButtonElement>('#submit')!;
const result = document.querySelector<HTMLElement>('#status')!;
const token = query.get('t');
let shown: ComplaintStatusView | undefined;
let problemKey: { key: string; minutes?: number } | undefined;

const page = pageLanguage(words, () => {
  if (shown) render(shown);
  if (problemKey) showProblem(page.t(problemKey.key).replace('{minutes}', String(problemKey.minutes ?? 1)));
});
const text = (selector: string, value: string) => {
  document.querySelector(selector)!.textContent = value;
};

function render(view: ComplaintStatusView): void {
  const { t, language } = page;
  text('#status-reference', view.reference);
  text('#status-stage', t(`status.${view.status}`));
  text('#status-received', formatInstant(view.receivedAt, language));
  text(
    '#status-deadline',
    view.nextDeadline
      ? `${t(`deadline.${view.nextDeadline.name}`)} · ${formatInstant(view.nextDeadline.dueAt, language)}`
      : t('noDeadline'),
  );
  const requests = document.querySelector<HTMLElement>('#status-requests')!;
  requests.hidden = view.requests.length === 0;
  requests.querySelector('ul')!.replaceChildren(
    ...view.requests.map((request) => {
      const item = document.createElement('li');
      const when = document.createElement('span');
      when.className = 'hint';
      when.textContent = ` (${t('requestedAt')} ${formatInstant(request.requestedAt, language)})`;
      item.append(request.message, when);
      return item;
    }),
  );
  const decision = document.querySelector<HTMLElement>('#status-decision')!;
  decision.hidden = !view.decision;
  if (view.decision) {
    text('#decision-outcome', t(`outcome.${view.decision.outcome}`));
    text('#decision-date', formatInstant(view.decision.decidedAt, language));
    const remedy = document.querySelector<HTMLElement>('#decision-remedy')!;
    remedy.hidden = !view.decision.remedy;
    remedy.textContent = view.decision.remedy ? `${t('remedy')}${view.decision.remedy}` : '';
    text('#decision-response', view.decision.responseToCustomer);
  }
}

function problem(key: string, minutes?: number): void {
  problemKey = { key, minutes };
  showProblem(page.t(key).replace('{minutes}', String(minutes ?? 1)));
}

function fieldError(field: 'reference' | 'contact', shownError: boolean): void {
  const input = document.querySelector<HTMLInputElement>(`#${field}`)!;
  const error = document.querySelector<HTMLElement>(`#${field}-error`)!;
  error.textContent = shownError ? page.t(`error.${field}`) : '';
  if (shownError) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** Fetches the status; the answer, or undefined once the problem is shown. */
async function load(url: string, notFoundKey: string): Promise<ComplaintStatusView | undefined> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (response.ok) return (await response.json()) as ComplaintStatusView;
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? 60);
      problem('error.tooMany', Math.max(1, Math.ceil(seconds / 60)));
    } else if (response.status === 404 || response.status === 400) problem(notFoundKey);
    else problem('error.general');
  } catch {
    problem('error.network');
  }
  return undefined;
}

function show(view: ComplaintStatusView): void {
  problemKey = undefined;
  showProblem(undefined);
  shown = view;
  form.hidden = true;
  render(view);
  result.hidden = false;
  result.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const reference = (form.elements.namedItem('reference') as HTMLInputElement).value.trim().toUpperCase();
  const contact = (form.elements.namedItem('contact') as HTMLInputElement).value.trim();
  const badReference = !REFERENCE_PATTERN.test(reference);
  const badContact = !(/^\d{4}$/.test(contact) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contact));
  fieldError('reference', badReference);
  fieldError('contact', badContact);
  if (badReference || badContact) {
    document.querySelector<HTMLInputElement>(badReference ? '#reference' : '#contact')!.focus();
    return;
  }
  submit.disabled = true;
  submit.textContent = page.t('sending');
  const view = await load(
    `${apiBase()}/v1/complaints/${encodeURIComponent(reference)}/status?contact=${encodeURIComponent(contact)}`,
    'error.notFound',
  );
  submit.disabled = false;
  submit.textContent = page.t('submit');
  if (view) show(view);
});

async function start(): Promise<void> {
  page.apply();
  if (!token) {
    form.hidden = false;
    return;
  }
  const view = await load(`${apiBase()}/v1/status?t=${encodeURIComponent(token)}`, 'error.link');
  if (!view) {
    // the customer can still look it up by hand
    form.hidden = false;
    return;
  }
  // opened from our message: in the language the customer wrote in, unless the address says otherwise
  if (!askedLanguage() && view.language !== page.language) page.set(view.language);
  show(view);
  // the link is the customer's proof: with it they may send documents too
  if (view.status !== 'closed') enableUpload(token, page.t);
}

void start();
