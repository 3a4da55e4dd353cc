// One rule for account names, shared by the signup form and `npm run create-user`.

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,39}$/;

export const USERNAME_RULE = "2–40 letters, digits, dots, dashes or underscores, starting with a letter or digit";

export function isValidUsername(name: string): boolean {
  return USERNAME.test(name);
}
