/** The most characters a passport keeps of a model card's text. */
export const CARD_SUMMARY_MAX_CHARS = 800;

/** The most characters of a card that are read for the summary (the summary comes from the top of the card). */
const CARD_READ_MAX_CHARS = 64 * 1024;

// C0/C1 controls (except newline and tab), bidi overrides and isolates, zero-width characters, BOM.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

// Terminal escape sequences (CSI and OSC), removed whole so no `[31m` is left behind.
const ANSI = /\u001b(?:\[[0-9;?]{0,40}[ -/]{0,5}[@-~]|\][^\u0007\u001b]{0,2000}(?:\u0007|\u001b\\)?)/g;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', nbsp: ' ', quot: '"', '#39': "'", apos: "'" };

/**
 * A model card's Markdown as plain text for a terminal: front matter, code, HTML (tags, comments), images, tables and
 * link targets removed, Markdown markers dropped, control and bidi characters stripped, whitespace collapsed, capped
 * at `maxChars` on a word boundary. The text is never executed or rendered; `&lt;` stays escaped. Every pattern is
 * bounded, so no card can make it slow.
 */
export function cardSummary(
  markdown: string,
  maxChars = CARD_SUMMARY_MAX_CHARS,
): { summary: string; truncated: boolean } {
  let text = markdown.slice(0, CARD_READ_MAX_CHARS).replace(/\r\n?/g, '\n').replace(ANSI, '').replace(UNSAFE, '');
  // YAML front matter (the card data) is not the summary.
  if (/^\s*---\n/.test(text)) {
    const end = text.indexOf('\n---', text.indexOf('---') + 3);
    text = end < 0 ? '' : text.slice(end + 4).replace(/^[^\n]*\n?/, '');
  }
  text = dropBlocks(text, /^[ \t]{0,3}(```|~~~)/m);
  text = text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1[ \t]*>|$)/gi, '')
    .replace(/<\/?[A-Za-z][^<>\n]{0,500}>/g, ' ')
    .replace(/!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)/g, '')
    .replace(/\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/\[([^\]\n]{0,500})\]\[[^\]\n]{0,200}\]/g, '$1')
    .replace(/^[ \t]*\[[^\]\n]{1,200}\]:[^\n]*$/gm, '')
    .replace(/^[ \t]*\|[^\n]*$/gm, '')
    .replace(/^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/gm, '')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]*/gm, '')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/gm, '')
    .replace(/(\*\*|__|~~|[*_`])(?=\S)([^\n]{0,300}?\S)\1/g, '$2')
    .replace(/`/g, '')
    .replace(/&(amp|nbsp|quot|#39|apos);/g, (_match, name: string) => ENTITIES[name] ?? '');
  const paragraphs = text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
  const whole = paragraphs.join('\n\n');
  if (whole.length <= maxChars) return { summary: whole, truncated: false };
  const cut = whole.slice(0, maxChars);
  const space = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  return { summary: `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`, truncated: true };
}

/** Remove fenced code blocks: from each opening fence line to its closing fence (or the end). Linear. */
function dropBlocks(text: string, fence: RegExp): string {
  let out = '';
  let rest = text;
  for (;;) {
    const open = fence.exec(rest);
    if (!open) return out + rest;
    out += rest.slice(0, open.index);
    const marker = open[1] as string;
    const afterOpen = rest.indexOf('\n', open.index);
    if (afterOpen < 0) return out;
    const close = rest.indexOf(`\n${marker}`, afterOpen);
    if (close < 0) return out;
    const lineEnd = rest.indexOf('\n', close + 1);
    rest = lineEnd < 0 ? '' : rest.slice(lineEnd + 1);
  }
}
