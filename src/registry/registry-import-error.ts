import { UserError } from "../core/errors.ts";

/** One thing wrong with a registry file: its physical line (the header is line 1) and column. */
export interface RegistryProblem {
  line: number;
  column?: string;
  message: string;
}

/** How many problems the message lists before "… and N more". */
const MAX_LISTED = 20;

/**
 * A registry CSV that was refused as a whole: nothing was written. The message names the file,
 * then lists each problem as ``line 4: column `kind`: "embasy" is not a mission kind (…)``.
 */
export class RegistryImportError extends UserError {
  /** Every problem found, in line order. */
  readonly problems: RegistryProblem[];

  constructor(fileName: string, problems: RegistryProblem[]) {
    const sorted = [...problems].sort((a, b) => a.line - b.line);
    super("bad_registry_file", formatMessage(fileName, sorted), [
      "Fix the file and import it again: nothing is imported until every row is valid.",
    ]);
    this.problems = sorted;
  }
}

/** One problem as a line of text: ``line 4: column `kind`: …``. */
export function formatProblem(p: RegistryProblem): string {
  return p.column ? `line ${p.line}: column \`${p.column}\`: ${p.message}` : `line ${p.line}: ${p.message}`;
}

function formatMessage(fileName: string, problems: RegistryProblem[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = [`${fileName} was not imported (nothing was changed): ${count}.`];
  for (const p of problems.slice(0, MAX_LISTED)) lines.push(formatProblem(p));
  if (problems.length > MAX_LISTED) lines.push(`… and ${problems.length - MAX_LISTED} more`);
  return lines.join("\n");
}

/** Zod issues of one row as problems on that row's line, named by column. */
export function issuesToProblems(
  line: number,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): RegistryProblem[] {
  return issues.map((issue) => {
    const column = issue.path[0];
    return typeof column === "string"
      ? { line, column, message: issue.message }
      : { line, message: issue.message };
  });
}
