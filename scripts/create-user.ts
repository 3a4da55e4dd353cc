// npm run create-user -- [--role reader|editor|admin] NAME: creates an account and prints its
// generated password once. The first admin is made this way.
import { DateTime } from "luxon";
import { ROLES, type Role } from "../server/domain/roles";
import { usernameProblem } from "../server/domain/usernames";
import { createAccount } from "../server/services/accounts";
import { generatePassword } from "../server/services/passwords";
import { CliError, dbPath, openMigrated, parseCommand, run } from "./cli";

const USAGE = "usage: npm run create-user -- [--role reader|editor|admin] NAME";

run(async () => {
  const { values, positionals } = parseCommand(
    { options: { role: { type: "string", default: "reader" } }, allowPositionals: true },
    USAGE,
  );
  const name = positionals[0];
  if (positionals.length !== 1 || !name) throw new CliError(USAGE);
  if (!ROLES.includes(values.role as Role)) throw new CliError(`--role must be one of ${ROLES.join(", ")}`);
  const problem = usernameProblem(name);
  if (problem) throw new CliError(`NAME "${name}": ${problem}`);
  const db = openMigrated();
  try {
    const password = generatePassword(name);
    const done = await createAccount(db, { username: name, password, role: values.role as Role }, DateTime.utc());
    if (!done.ok) throw new CliError(`${name}: ${done.message}`);
    process.stdout.write(
      `Created ${values.role} "${name}" in ${dbPath()}.\nPassword (shown once, store it now): ${password}\n`,
    );
  } finally {
    db.close();
  }
});
