/**
 * The colours and weights the terminal reports use, as a structural type: a chalk instance is one (the
 * CLI passes its own), and PLAIN_TEXT leaves text as it is. The published types of the reports name no
 * package, so a project that renders them needs neither chalk's types nor Node's.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
export type Paint = (text: string) => string;

export interface TextStyles {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint & { readonly bold: Paint };
  readonly green: Paint & { readonly bold: Paint };
  readonly yellow: Paint;
  readonly blue: Paint;
  readonly cyan: Paint;
  readonly magenta: Paint;
  readonly bgRed: { readonly white: { readonly bold: Paint } };
}

const unchanged: Paint = (text) => text;

/** Styles that style nothing: the reports' default, for files and for output that is not a terminal. */
export const PLAIN_TEXT: TextStyles = {
  bold: unchanged,
  dim: unchanged,
  red: Object.assign((text: string) => text, { bold: unchanged }),
  green: Object.assign((text: string) => text, { bold: unchanged }),
  yellow: unchanged,
  blue: unchanged,
  cyan: unchanged,
  magenta: unchanged,
  bgRed: { white: { bold: unchanged } },
};

/** An argument that styles text as the reports do: TextStyles, such as a chalk instance. */
export const TEXT_STYLES: ArgumentRule = (value) => {
  const styles = value as Record<string, unknown> | null;
  const usable =
    (typeof value === 'object' || typeof value === 'function') &&
    styles !== null &&
    ['bold', 'dim', 'red', 'green', 'yellow', 'blue', 'cyan', 'magenta'].every((name) => typeof styles[name] === 'function') &&
    typeof (styles.bgRed as { white?: { bold?: unknown } } | undefined)?.white?.bold === 'function';
  return usable ? null : { kind: 'type', at: '', expected: 'TextStyles such as a chalk instance (bold, dim, red, green, …), or left out for plain text', value };
};
