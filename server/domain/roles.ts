// Who may do what. Roles are ranked: an editor can do all a reader can, an admin all an editor can.

export type Role = "reader" | "editor" | "admin";
export const ROLES: readonly Role[] = ["reader", "editor", "admin"];

const RANK: Record<Role, number> = { reader: 1, editor: 2, admin: 3 };

export function hasRole(account: { role: Role } | null | undefined, role: Role): boolean {
  return !!account && RANK[account.role] >= RANK[role];
}
