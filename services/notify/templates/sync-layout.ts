/**
 * Copies layout.html (the file people edit and preview in a browser) into layout.json, the form
 * domain/layout.ts imports: JSON is inlined by esbuild and tsx alike, so rendering reads no files
 * at run time. Run after editing layout.html: `npx tsx services/notify/templates/sync-layout.ts`
 * (a test fails while the two differ).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const htmlFile = new URL('./layout.html', import.meta.url);
const jsonFile = new URL('./layout.json', import.meta.url);

/** layout.json's content for a layout.html; its comments are for editors and never reach an inbox. */
export function layoutJson(html: string): string {
  const layout = {
    source: 'services/notify/templates/layout.html',
    html: html.replace(/<!--[\s\S]*?-->\n?/g, ''),
  };
  return `${JSON.stringify(layout, null, 2)}\n`;
}

export const readLayoutHtml = () => readFileSync(htmlFile, 'utf8');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(jsonFile, layoutJson(readLayoutHtml()));
}
