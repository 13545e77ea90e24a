import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate, fillTemplate } from './template-engine';

const name = fc.stringMatching(/^[A-Za-z_]\w{0,8}$/);
const plain = fc.string().filter((text) => !text.includes('{') && !text.includes('}'));

describe('template engine', () => {
  it('property: text without placeholders renders as written', () => {
    fc.assert(
      fc.property(plain, (text) => {
        expect(fillTemplate(compileTemplate(text), {})).toBe(text);
      }),
    );
  });

  it('property: fills {{name}} from the values and keeps a placeholder without a value visible', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(plain, name)), fc.dictionary(name, plain), (parts, values) => {
        const template = parts.map(([text, key]) => `${text}{{${key}}}`).join('');
        const expected = parts
          .map(([text, key]) => text + (Object.hasOwn(values, key) ? values[key] : `{{${key}}}`))
          .join('');
        expect(fillTemplate(compileTemplate(template), values)).toBe(expected);
      }),
    );
  });

  it('shows sections by presence and refuses broken syntax, naming the problem', () => {
    const nodes = compileTemplate(
      '{{#product}}Your {{product}} policy{{/product}}{{^product}}Your policy{{/product}}',
    );
    expect(fillTemplate(nodes, { product: 'critical illness' })).toBe('Your critical illness policy');
    expect(fillTemplate(nodes, { product: '' })).toBe('Your policy');
    expect(() => compileTemplate('Dear {{name}')).toThrow(/malformed placeholder/);
    expect(() => compileTemplate('{{#a}}x')).toThrow('{{#a}} is never closed');
    expect(() => compileTemplate('{{#a}}x{{/b}}')).toThrow('{{/b}} closes {{#a}}');
  });
});
