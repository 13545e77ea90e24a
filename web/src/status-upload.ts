/**
 * The status page's upload (shown when the page was opened by its signed link): checks type and
 * size with the API's own limits, asks for an upload form, posts the file straight to the store,
 * then has it recorded on the complaint.
 */
import { MAX_UPLOAD_BYTES, UPLOAD_TYPES } from '../../services/intake/domain/status-upload';
import { apiBase } from './page';

type Translate = (key: string) => string;

export function enableUpload(token: string, t: Translate): void {
  const section = document.querySelector<HTMLElement>('#status-upload')!;
  const form = document.querySelector<HTMLFormElement>('#upload-form')!;
  const input = document.querySelector<HTMLInputElement>('#upload-file')!;
  const error = document.querySelector<HTMLElement>('#upload-error')!;
  const button = document.querySelector<HTMLButtonElement>('#upload-submit')!;
  const list = document.querySelector<HTMLUListElement>('#uploaded')!;
  section.hidden = false;

  const refuse = (key: string) => {
    error.textContent = t(key);
    input.setAttribute('aria-invalid', 'true');
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    const file = input.files?.[0];
    if (!file) return refuse('error.uploadNone');
    if (!(UPLOAD_TYPES as readonly string[]).includes(file.type)) return refuse('error.uploadType');
    if (file.size > MAX_UPLOAD_BYTES) return refuse('error.uploadSize');
    button.disabled = true;
    button.textContent = t('uploading');
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${apiBase()}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const issued = await post('/v1/status/uploads', {
        t: token,
        fileName: file.name,
        contentType: file.type,
        size: file.size,
      });
      if (!issued.ok) return refuse(issued.status === 400 ? 'error.uploadSize' : 'error.uploadFailed');
      const form = (await issued.json()) as {
        attachmentId: string;
        url: string;
        fields: Record<string, string>;
      };
      const body = new FormData();
      for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
      body.append('file', file);
      const stored = await fetch(form.url, { method: 'POST', body });
      if (!stored.ok) return refuse(stored.status === 400 ? 'error.uploadSize' : 'error.uploadFailed');
      const recorded = await post(`/v1/status/uploads/${form.attachmentId}`, {
        t: token,
        fileName: file.name,
        contentType: file.type,
      });
      if (!recorded.ok) return refuse('error.uploadFailed');
      const item = document.createElement('li');
      item.textContent = `${t('uploaded')}${file.name}`;
      list.append(item);
      input.value = '';
    } catch {
      refuse('error.uploadFailed');
    } finally {
      button.disabled = false;
      button.textContent = t('uploadSubmit');
    }
  });
}
