import { describe, expect, it } from 'vitest';
import { CARD_SUMMARY_MAX_CHARS, cardSummary } from './card-summary.js';

/** @see issue 17 item 2 (the card summary is plain text, never executed or rendered) */
describe('cardSummary', () => {
  it('drops front matter, code, HTML, images, tables and link targets, keeping the words', () => {
    const card = [
      '---',
      'license: apache-2.0',
      'extra_gated_prompt: long text',
      '---',
      '# Model <img src="x" onerror="alert(1)">',
      '',
      '![logo](https://example.com/logo.png) **Fast** model by [Acme](https://acme.example/path?token=abc).',
      '',
      '<!-- hidden note -->',
      '<script>fetch("https://evil.example")</script>',
      '| a | b |',
      '|---|---|',
      '```python',
      'import os; os.system("rm -rf /")',
      '```',
      '- one &amp; two',
    ].join('\n');
    expect(cardSummary(card)).toEqual({ summary: 'Model\n\nFast model by Acme.\n\none & two', truncated: false });
  });

  it('strips terminal escapes, other controls and bidi overrides, and leaves &lt; escaped', () => {
    const { summary } = cardSummary(
      'Safe \u001b[31mred\u001b[0m \u202eevil\u202c \u0007bell \u001b]8;;https://x.example\u0007&lt;b&gt;',
    );
    expect(summary).toBe('Safe red evil bell &lt;b&gt;');
    expect(summary).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('caps the summary on a word boundary and says so', () => {
    const { summary, truncated } = cardSummary('word '.repeat(1000));
    expect(truncated).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(CARD_SUMMARY_MAX_CHARS + 1);
    expect(summary.endsWith('word…')).toBe(true);
  });

  it('stays fast on hostile input (unclosed tags, brackets and fences)', () => {
    for (const unit of ['<a', '[x', '![', '```\n', '*a', '<!--', '<script', '- - -', '|']) {
      const { summary } = cardSummary(unit.repeat(200_000));
      expect(typeof summary).toBe('string');
    }
  });
});
