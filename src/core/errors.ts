/**
 * An error the user can fix: a wrong argument, an unknown mission, a missing permission. Its
 * message is shown to the user as is, so it says what was wrong and how to put it right.
 */
export class UserError extends Error {
  override name = "UserError";
  /** A stable string code, e.g. `unknown_mission`, `bad_period`, `forbidden`. */
  readonly code: string;
  /** Optional follow-up lines, e.g. "did you mean …" suggestions. */
  readonly hints: string[];

  constructor(code: string, message: string, hints: string[] = []) {
    super(message);
    this.code = code;
    this.hints = hints;
  }
}

/** True for a {@link UserError}, including one from another copy of this module. */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError || (err instanceof Error && err.name === "UserError" && "code" in err);
}
