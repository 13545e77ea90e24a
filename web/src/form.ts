/**
 * The public complaint form. It checks input with the very schema the API uses
 * (shared/contracts/complaint-requests.ts), shows every field error next to its field and in a
 * summary, and after submitting shows the reference or the server's field errors.
 */
import * as z from 'zod/mini';
import { WebComplaintRequest } from '#shared/contracts/complaint-requests';
import { categories, type Language } from '#shared/contracts/vocabulary';
import { words } from './messages';

interface FieldError {
  path: string;
  message: string;
}

declare global {
  interface Window {
    COMPLAINT_CARE_CONFIG?: { apiBase: string };
  }
}

// The site's Content-Security-Policy forbids eval; zod must not even probe for it.
z.config({ jitless: true });

const form = document.querySelector<HTMLFormElement>('#complaint-form')!;
const summary = document.querySelector<HTMLDivElement>('#error-summary')!;
const submit = document.querySelector<HTMLButtonElement>('#submit')!;
let language: Language = navigator.language.startsWith('zh') ? 'zh-CN' : 'en';
let lastErrors: FieldError[] = [];
/** One key per distinct submission, so a retried network call never files twice. */
let idempotency: { body: string; key: string } | undefined;

const t = (key: string) => words[language][key] ?? words.en[key] ?? key;
const fieldPath = (path: string) => path.replace(/^body\./, '');
/** The input a field path belongs to; `customer.phone` errors sit at the phone input. */
const inputFor = (path: string) => form.querySelector<HTMLElement>(`[name="${CSS.escape(fieldPath(path))}"]`);
const errorElementFor = (path: string) => {
  const id = fieldPath(path).split('.').pop();
  return document.getElementById(`${id === 'dataProcessing' ? 'consent' : id}-error`);
};

function applyLanguage(): void {
  document.documentElement.lang = language;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = t(el.dataset.i18n!);
  const toggle = document.querySelector<HTMLButtonElement>('#language-switch')!;
  toggle.textContent = t('switchTo');
  toggle.lang = language === 'en' ? 'zh-CN' : 'en';
  const select = document.querySelector<HTMLSelectElement>('#category')!;
  const selected = select.value;
  select.replaceChildren(
    new Option(t('category.none'), ''),
    ...categories.map((c) => new Option(t(`category.${c}`), c)),
  );
  select.value = selected;
  document.title = `${t('title')} · Complaint & Care`;
  if (lastErrors.length) showErrors(lastErrors, false);
}

function read(): Record<string, unknown> {
  const value = (name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() || undefined;
  const checked = form.querySelector<HTMLInputElement>('input[name=preferredChannel]:checked');
  return {
    customer: {
      name: value('customer.name') ?? '',
      phone: value('customer.phone'),
      email: value('customer.email'),
      idNumber: value('customer.idNumber'),
    },
    policyNumber: value('policyNumber'),
    category: value('category'),
    subject: value('subject'),
    description: value('description') ?? '',
    preferredChannel: checked?.value,
    // sent only when ticked: the API's field is optional
    hardship: (form.elements.namedItem('hardship') as HTMLInputElement).checked || undefined,
    language,
    consent: {
      dataProcessing: (form.elements.namedItem('consent.dataProcessing') as HTMLInputElement).checked,
    },
  };
}

function clearErrors(): void {
  lastErrors = [];
  summary.hidden = true;
  for (const el of form.querySelectorAll('.error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

function showErrors(errors: FieldError[], focus = true): void {
  clearErrors();
  lastErrors = errors;
  const list = summary.querySelector('ul')!;
  list.replaceChildren();
  const seen = new Set<string>();
  for (const error of errors) {
    const path = fieldPath(error.path);
    if (seen.has(path)) continue;
    seen.add(path);
    const message = words[language][`error.${path}`] ?? error.message;
    const target = errorElementFor(path);
    if (target) target.textContent = message;
    const input = inputFor(path);
    input?.setAttribute('aria-invalid', 'true');
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${input?.id ?? ''}`;
    link.textContent = message;
    item.append(link);
    list.append(item);
  }
  summary.hidden = false;
  if (focus) summary.focus();
}

function validate(body: Record<string, unknown>): FieldError[] {
  const result = WebComplaintRequest.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

async function send(body: Record<string, unknown>): Promise<void> {
  const serialized = JSON.stringify(body);
  if (idempotency?.body !== serialized) idempotency = { body: serialized, key: crypto.randomUUID() };
  submit.disabled = true;
  submit.textContent = t('sending');
  try {
    const response = await fetch(`${window.COMPLAINT_CARE_CONFIG?.apiBase ?? ''}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotency.key },
      body: serialized,
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 201) {
      // the summary sits outside the form: an earlier attempt's errors must not stay above the success
      clearErrors();
      form.hidden = true;
      const success = document.querySelector<HTMLElement>('#success')!;
      document.querySelector('#reference')!.textContent = answer.reference;
      success.hidden = false;
      success.focus();
      return;
    }
    showErrors(
      answer.errors?.length
        ? answer.errors
        : [{ path: 'general', message: answer.detail ?? t('error.general') }],
    );
  } catch {
    showErrors([{ path: 'network', message: t('error.network') }]);
  } finally {
    submit.disabled = false;
    submit.textContent = t('submit');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const body = read();
  const errors = validate(body);
  if (errors.length > 0) showErrors(errors);
  else void send(body);
});

document.querySelector('#language-switch')!.addEventListener('click', () => {
  language = language === 'en' ? 'zh-CN' : 'en';
  applyLanguage();
});

applyLanguage();
