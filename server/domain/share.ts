// What other sites read of a page: schema.org ClaimReview for resolved claims, Open Graph and
// Twitter card tags for link previews, and the claim and person exports (JSON and CSV).
import type { Verdict } from "./types";
import type { CsvValue } from "./csv";

export const SITE_NAME = "Hindsight";

/** A ClaimReview's rating: came true is the best rating, did not happen the worst; annulled has words only. */
export const VERDICT_RATING: Record<Verdict, { value: number | null; words: string }> = {
  YES: { value: 5, words: "Came true" },
  NO: { value: 1, words: "Did not happen" },
  ANNULLED: { value: null, words: "Annulled: could not be decided" },
};

export interface ReviewedClaim {
  text: string;
  /** The claim's page, absolute. */
  url: string;
  /** When the claim was written (ISO). */
  createdAt: string;
  verdict: Verdict;
  /** When the verdict was recorded (ISO). */
  resolvedAt: string;
  rationale: string;
  /** The editor who resolved it; null for a resolution loaded from a dataset. */
  resolvedBy: string | null;
  /** Absolute addresses of the events the verdict cites. */
  evidence: readonly string[];
}

/**
 * schema.org ClaimReview (https://schema.org/ClaimReview): the rumor is the claim reviewed, the
 * verdict the rating, the rationale the review body, the editor its author.
 */
export function claimReviewJsonLd(claim: ReviewedClaim, siteUrl: string): Record<string, unknown> {
  const rating = VERDICT_RATING[claim.verdict];
  const site = { "@type": "Organization", name: SITE_NAME, url: siteUrl };
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: claim.url,
    claimReviewed: claim.text,
    datePublished: claim.resolvedAt.slice(0, 10),
    itemReviewed: { "@type": "Claim", name: claim.text, datePublished: claim.createdAt.slice(0, 10) },
    author: claim.resolvedBy === null ? site : { "@type": "Person", name: claim.resolvedBy },
    publisher: site,
    reviewRating: {
      "@type": "Rating",
      ...(rating.value === null ? {} : { ratingValue: rating.value, bestRating: 5, worstRating: 1 }),
      alternateName: rating.words,
    },
    reviewBody: claim.rationale,
    ...(claim.evidence.length > 0 ? { citation: [...claim.evidence] } : {}),
  };
}

/**
 * JSON to place inside `<script type="application/ld+json">`: `<`, `>` and `&` escaped so that no text
 * in it (a claim saying `</script>`) can end the element; JSON parsers read the escapes back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export interface PreviewTag {
  /** Open Graph tags use `property`, Twitter cards `name`. */
  attr: "property" | "name";
  key: string;
  content: string;
}

export interface Preview {
  title: string;
  description: string;
  url: string;
  type?: "website" | "article" | "profile";
}

/** Open Graph and Twitter card tags for a link preview; descriptions are cut at a word near 200 characters. */
export function previewTags(p: Preview): PreviewTag[] {
  const description = shorten(p.description, 200);
  return [
    { attr: "property", key: "og:site_name", content: SITE_NAME },
    { attr: "property", key: "og:type", content: p.type ?? "website" },
    { attr: "property", key: "og:title", content: p.title },
    { attr: "property", key: "og:description", content: description },
    { attr: "property", key: "og:url", content: p.url },
    { attr: "name", key: "twitter:card", content: "summary" },
    { attr: "name", key: "twitter:title", content: p.title },
    { attr: "name", key: "twitter:description", content: description },
  ];
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

/** 0.75 -> "75%"; keeps a decimal only when the value has one (62.5%): as every page writes a probability. */
export function percent(p: number): string {
  const v = Math.round(p * 1000) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}%`;
}

/** The columns of a claim's or a person's forecasts as CSV; the same names as the JSON exports. */
export const FORECAST_COLUMNS = [
  "forecast_id",
  "claim_id",
  "claim",
  "person_id",
  "handle",
  "probability",
  "made_at",
  "status",
  "brier",
  "log_score",
  "peer_score",
  "source_id",
  "quote",
] as const;

export type ForecastRecord = Record<(typeof FORECAST_COLUMNS)[number], CsvValue>;

export interface ExportableForecast {
  id: number;
  claimId: number;
  claimText: string;
  personId: number;
  handle: string;
  probability: number;
  madeAt: string;
  status: string;
  score: { brier: number; logScore: number; peerScore: number | null } | null;
  sourceId: number | null;
  quote: string | null;
}

// Six decimals, as in the board's exports.
const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function forecastRecord(f: ExportableForecast): ForecastRecord {
  return {
    forecast_id: f.id,
    claim_id: f.claimId,
    claim: f.claimText,
    person_id: f.personId,
    handle: f.handle,
    probability: f.probability,
    made_at: f.madeAt,
    status: f.status,
    brier: f.score ? round(f.score.brier) : null,
    log_score: f.score ? round(f.score.logScore) : null,
    peer_score: f.score?.peerScore == null ? null : round(f.score.peerScore),
    source_id: f.sourceId,
    quote: f.quote,
  };
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** The HTML a news article pastes to frame a claim's card; the claim's words are escaped for the title attribute. */
export function embedSnippet(siteUrl: string, claimId: number, claimText: string): string {
  const title = `${shorten(claimText, 120)}: forecasts on ${SITE_NAME}`.replace(
    /[&<>"']/g,
    (c) => ATTRIBUTE_ESCAPES[c] ?? c,
  );
  return `<iframe src="${siteUrl}/claims/${claimId}/embed" title="${title}" width="100%" height="200" style="border:0" loading="lazy"></iframe>`;
}
