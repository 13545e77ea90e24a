/**
 * The shared email layout (services/notify/templates/layout.json, generated from layout.html by
 * sync-layout): the page every email body is set into, split around its one content slot and
 * compiled when this module loads.
 */

import * as z from 'zod/mini';
import { compileTemplate } from '#shared/templates/template-engine';
import layoutFile from '../templates/layout.json';
import { NonEmpty, parseFile, TemplateError } from './template-files';

const LayoutFile = z.strictObject({ source: NonEmpty, html: NonEmpty });

const CONTENT_SLOT = '{{{content}}}';
export const layout = (() => {
  const { html } = parseFile(LayoutFile, layoutFile, 'layout.json');
  const parts = html.split(CONTENT_SLOT);
  if (parts.length !== 2) throw new TemplateError('layout.json', `needs exactly one ${CONTENT_SLOT}`);
  try {
    return { before: compileTemplate(parts[0]!), after: compileTemplate(parts[1]!) };
  } catch (error) {
    throw new TemplateError('layout.json', (error as Error).message);
  }
})();
