import type { Command } from "../src/core/command.ts";
import accessGrant from "./access-grant.ts";
import accessRevoke from "./access-revoke.ts";
import contentAnswer from "./content-answer.ts";
import contentList from "./content-list.ts";
import contentNew from "./content-new.ts";
import contentStatus from "./content-status.ts";
import digestLog from "./digest-log.ts";
import digestPreview from "./digest-preview.ts";
import handleAdd from "./handle-add.ts";
import handleRemove from "./handle-remove.ts";
import handleVerify from "./handle-verify.ts";
import handles from "./handles.ts";
import { createHelpCommand } from "./help.ts";
import leaderboard from "./leaderboard.ts";
import missionLanguage from "./mission-language.ts";
import missionStats from "./mission-stats.ts";
import missions from "./missions.ts";
import outbox from "./outbox.ts";
import trends from "./trends.ts";
import whoami from "./whoami.ts";

/**
 * Every chat command, in the order `/help` lists them. An explicit list, not a folder scan:
 * adding a command is one import and one line here.
 */
export function allCommands(): Command[] {
  const commands: Command[] = [
    missionStats,
    leaderboard,
    trends,
    digestPreview,
    digestLog,
    handles,
    missions,
    missionLanguage,
    handleAdd,
    handleRemove,
    handleVerify,
    contentNew,
    contentStatus,
    contentList,
    contentAnswer,
    accessGrant,
    accessRevoke,
    outbox,
    whoami,
  ] as Command[];
  commands.push(createHelpCommand(() => commands) as unknown as Command);
  return commands;
}
