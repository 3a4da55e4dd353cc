// A claim's life has two axes. Its *state* is editorial: a reader's proposal waits for an editor,
// is published or rejected, or is merged into another claim. Its *status* is what readers see of a
// published claim: open until resolved, then resolved (YES/NO) or annulled.

export type ClaimState = "proposed" | "published" | "rejected" | "merged";

export const CLAIM_STATUSES = ["open", "resolved", "annulled"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
