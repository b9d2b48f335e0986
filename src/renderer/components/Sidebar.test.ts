// The sidebar draws one decorative (aria-hidden) icon beside each section's label.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { SECTIONS } from '../sections';
import { Sidebar } from './Sidebar';

it('renders an aria-hidden svg icon in every section entry', () => {
  const html = renderToStaticMarkup(createElement(Sidebar));
  const entries = html.match(/<button[^>]*class="nav-item[^"]*"[^>]*>.*?<\/button>/g) ?? [];
  expect(entries).toHaveLength(SECTIONS.length);
  for (const [index, entry] of entries.entries()) {
    expect(entry, SECTIONS[index]?.label).toMatch(/<svg[^>]*aria-hidden="true"/);
    expect(entry).toContain(`<span>${SECTIONS[index]?.label}</span>`);
  }
});
