/** Text styles for the terminal; each one is the identity when colour is off. */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
}

function wrap(open: number, close: number): (text: string) => string {
  return (text) => (text === "" ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const plain = (text: string): string => text;

/** ANSI SGR styles when `color` is true, plain text otherwise. */
export function createStyles(color: boolean): Styles {
  if (!color) return { bold: plain, dim: plain, yellow: plain, red: plain };
  return { bold: wrap(1, 22), dim: wrap(2, 22), yellow: wrap(33, 39), red: wrap(31, 39) };
}
