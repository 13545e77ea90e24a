/**
 * The one template engine: notify's message templates and the care planner's campaign texts are
 * both written in it. `{{path}}` is a value, `{{#path}}…{{/path}}` a section shown when the value is
 * present and `{{^path}}…{{/path}}` one shown when it is absent. Compiling is separate from rendering
 * so that a template is checked once, when its file loads, and a broken one fails the cold start
 * rather than a send. What a value means (formatting, escaping, what to do when it is missing) is
 * the caller's: this module only knows the syntax.
 */

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  /** `tag` is the placeholder as written, for callers that keep an unknown one visible. */
  | { readonly kind: 'value'; readonly path: string; readonly tag: string }
  | {
      readonly kind: 'section';
      readonly path: string;
      readonly inverted: boolean;
      readonly body: TemplateNode[];
    };

type SectionNode = Extract<TemplateNode, { kind: 'section' }>;

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}\}/g;

/** Parses a template; throws an Error describing the first syntax problem (stray braces, unbalanced sections). */
export function compileTemplate(source: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const open: SectionNode[] = [];
  let body = root;
  let from = 0;
  const addText = (text: string) => {
    const stray = /\{\{|\}\}/.exec(text);
    if (stray)
      throw new Error(
        `malformed placeholder at ${JSON.stringify(text.slice(stray.index, stray.index + 30))}`,
      );
    if (text) body.push({ kind: 'text', text });
  };
  for (const match of source.matchAll(TAG)) {
    addText(source.slice(from, match.index));
    from = match.index + match[0].length;
    const [tag, sigil, path = ''] = match;
    if (sigil === '#' || sigil === '^') {
      const node: SectionNode = { kind: 'section', path, inverted: sigil === '^', body: [] };
      body.push(node);
      open.push(node);
      body = node.body;
    } else if (sigil === '/') {
      const closed = open.pop();
      if (closed?.path !== path) {
        throw new Error(`{{/${path}}} closes ${closed ? `{{#${closed.path}}}` : 'no open section'}`);
      }
      body = open.at(-1)?.body ?? root;
    } else {
      body.push({ kind: 'value', path, tag });
    }
  }
  addText(source.slice(from));
  const unclosed = open.at(-1);
  if (unclosed) throw new Error(`{{#${unclosed.path}}} is never closed`);
  return root;
}

/** How a caller's data fills a template. */
export interface TemplateValues {
  /** The text for `{{path}}` (before encoding), or undefined when it has none. */
  value(path: string): string | undefined;
  /** Whether `{{#path}}` shows (and `{{^path}}` hides). */
  present(path: string): boolean;
  /** What stands in the output for a `{{path}}` without a value (already encoded). */
  absent(node: Extract<TemplateNode, { kind: 'value' }>): string;
}

/** Renders compiled nodes; `encode` applies to values only (e.g. HTML escaping), never to the template's own text. */
export function renderTemplate(
  nodes: readonly TemplateNode[],
  values: TemplateValues,
  encode: (value: string) => string = (value) => value,
): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
    } else if (node.kind === 'value') {
      const value = values.value(node.path);
      out += value === undefined ? values.absent(node) : encode(value);
    } else if (values.present(node.path) !== node.inverted) {
      out += renderTemplate(node.body, values, encode);
    }
  }
  return out;
}

/**
 * Fills a plain text from a flat map of values: a placeholder without a value stays visible as
 * written rather than vanishing from the text (a campaign text that names a value the planner
 * lacks shows the gap instead of a sentence with a hole).
 */
export function fillTemplate(
  nodes: readonly TemplateNode[],
  values: Readonly<Record<string, string>>,
): string {
  const given = (path: string) => (Object.hasOwn(values, path) ? values[path] : undefined);
  return renderTemplate(nodes, {
    value: given,
    present: (path) => (given(path) ?? '') !== '',
    absent: (node) => node.tag,
  });
}
