import { createColors } from '../cli/colors.js';
import type { Output } from '../cli/output.js';

/** An {@link Output} that prints nothing: what a command writes is kept, so the lab can answer with it. */
export interface CaptureOutput extends Output {
  /** Every JSON document the command printed (one for a command run with `--json`). */
  readonly documents: unknown[];
  /** Lines the command wrote to stdout as text (none for a command run with `--json`). */
  readonly lines: string[];
  /** Warnings and error lines (stderr), without the `warning: ` prefix. */
  readonly warnings: string[];
}

/** A `--json` output for one in-process command run: its documents and lines are collected, never printed. */
export function createCaptureOutput(): CaptureOutput {
  const documents: unknown[] = [];
  const lines: string[] = [];
  const warnings: string[] = [];
  return {
    json: true,
    color: false,
    colors: createColors(false),
    tty: false,
    documents,
    lines,
    warnings,
    write: (text) => {
      lines.push(text);
    },
    out: (text) => {
      lines.push(text);
    },
    err: (text) => {
      warnings.push(text);
    },
    printJson: (value) => {
      documents.push(value);
    },
    warn: (message) => {
      warnings.push(message);
    },
  };
}
