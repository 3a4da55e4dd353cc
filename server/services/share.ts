// What a claim and a person look like from outside: the embeddable card, the JSON and CSV exports,
// the link-preview tags and the ClaimReview. Reads only; gathered here so that routes stay thin.
import type { Claim } from "../../db/claims";
import type { Db, Slice } from "../../db/connection";
import { crowdEstimates } from "./charts";
import { forecastsForClaim, forecastsForPerson } from "../../db/forecasts";
import type { Person } from "../../db/people";
import { resolutionHistory, type Resolution } from "../../db/resolutions";
import { calledItCount, claimScoresOf, type ClaimScoreRow } from "../../db/stored-scores";
import type { CrowdEstimate } from "../domain/chart-series";
import { csvTable } from "../domain/csv";
import {
  claimReviewJsonLd,
  FORECAST_COLUMNS,
  forecastRecord,
  jsonForScript,
  percent,
  previewTags,
  type PreviewTag,
} from "../domain/share";
import { forecastRows } from "./claim-page";
import { personSummary } from "./stored-board";

/** What the crowd thinks of a claim: the median of each person's current probability. */
export interface CrowdNow {
  median: number | null;
  forecasters: number;
}

/** The card a news article frames: the claim, and the crowd's estimate or the verdict. */
export interface ClaimCard {
  claim: Claim;
  crowd: CrowdNow;
  resolution: Resolution | null;
  /** Counted forecasts on a resolved claim, and how many were on the right side. */
  counted: number;
  calledIt: number;
  /** The crowd median of the counted forecasts (the scored crowd), once resolved. */
  scoredCrowd: number | null;
}

/** What a card is made of, for a caller (the claim page) that has already read it. */
export interface ClaimCardParts {
  resolution: Resolution | null;
  stored: ClaimScoreRow | null;
  crowd: CrowdEstimate | null;
}

export function claimCard(db: Db, claim: Claim, parts?: ClaimCardParts): ClaimCard {
  const { resolution, stored, crowd } = parts ?? {
    resolution: resolutionHistory(db, claim.id)[0] ?? null,
    stored: claimScoresOf(db, [claim.id])[0] ?? null,
    crowd: crowdEstimates(db, [claim.id]).get(claim.id) ?? null,
  };
  return {
    claim,
    crowd: { median: crowd?.median ?? null, forecasters: crowd?.people ?? 0 },
    resolution,
    counted: stored?.counted ?? 0,
    calledIt: stored ? calledItCount(db, claim.id) : 0,
    scoredCrowd: stored?.crowdMedian ?? null,
  };
}

export interface ClaimMeta {
  preview: PreviewTag[];
  /** The ClaimReview, ready for a script element; null while the claim is open. */
  jsonLd: string | null;
}

export function claimMeta(card: ClaimCard, siteUrl: string): ClaimMeta {
  const { claim, resolution, crowd } = card;
  const url = `${siteUrl}/claims/${claim.id}`;
  const state = resolution
    ? `Resolved ${resolution.verdict}: ${resolution.rationale}`
    : crowd.median === null
      ? `Open until ${claim.resolveBy}. No forecasts yet.`
      : `Open until ${claim.resolveBy}. The crowd says ${percent(crowd.median)} (${crowd.forecasters} forecaster${crowd.forecasters === 1 ? "" : "s"}).`;
  const preview = previewTags({ title: claim.text, description: state, url, type: "article" });
  const jsonLd = resolution
    ? jsonForScript(
        claimReviewJsonLd(
          {
            text: claim.text,
            url,
            createdAt: claim.createdAt,
            verdict: resolution.verdict,
            resolvedAt: resolution.createdAt,
            rationale: resolution.rationale,
            resolvedBy: resolution.resolvedBy,
            evidence: resolution.events.map((e) => `${siteUrl}/events/${e.id}`),
          },
          siteUrl,
        ),
      )
    : null;
  return { preview, jsonLd };
}

/** /api/claims/:id: the claim, its crowd now, and its current resolution with the events cited. */
export function claimJson(card: ClaimCard, siteUrl: string): Record<string, unknown> {
  const { claim, resolution, crowd } = card;
  return {
    id: claim.id,
    url: `${siteUrl}/claims/${claim.id}`,
    text: claim.text,
    details: claim.details,
    resolve_by: claim.resolveBy,
    tags: claim.tags,
    created_at: claim.createdAt,
    forecasts: claim.forecastCount,
    crowd: { median: crowd.median, forecasters: crowd.forecasters },
    resolution: resolution && {
      verdict: resolution.verdict,
      known_at: resolution.knownAt,
      known_at_basis: resolution.knownAtBasis,
      rationale: resolution.rationale,
      resolved_at: resolution.createdAt,
      resolved_by: resolution.resolvedBy,
      events: resolution.events.map((e) => ({
        id: e.id,
        title: e.title,
        occurred_on: e.occurredOn,
        url: `${siteUrl}/events/${e.id}`,
      })),
      counted: card.counted,
      called_it: card.calledIt,
      crowd_median: card.scoredCrowd,
    },
    forecasts_csv: `${siteUrl}/claims/${claim.id}/forecasts.csv`,
  };
}

/** One slice of a claim's forecasts as CSV, oldest first (a claim can hold tens of thousands). */
export function claimForecastsCsv(db: Db, claimId: number, slice: Slice): string {
  return csvTable(FORECAST_COLUMNS, forecastRows(db, forecastsForClaim(db, claimId, slice)).map(forecastRecord));
}

/** One slice of a person's forecasts as CSV, newest first. */
export function personForecastsCsv(db: Db, personId: number, slice: Slice): string {
  return csvTable(FORECAST_COLUMNS, forecastRows(db, forecastsForPerson(db, personId, slice)).map(forecastRecord));
}

/** /api/people/:id: the person and their scores as the board shows them. */
export function personJson(db: Db, person: Person, siteUrl: string): Record<string, unknown> {
  const s = personSummary(db, person.id);
  return {
    id: person.id,
    url: `${siteUrl}/people/${person.id}`,
    handle: person.handle,
    kind: person.kind,
    scores: s && {
      resolved: s.resolved,
      adjusted_brier: s.adjustedBrier,
      brier: s.brier,
      log_score: s.logScore,
      peer_score: s.peerScore,
      accuracy: s.accuracy,
    },
    forecasts_csv: `${siteUrl}/people/${person.id}/forecasts.csv`,
  };
}

export function personPreview(db: Db, person: Person, siteUrl: string): PreviewTag[] {
  const s = personSummary(db, person.id);
  const description = s
    ? `${person.handle}: ${s.resolved} resolved forecast${s.resolved === 1 ? "" : "s"}, Brier ${s.brier.toFixed(3)} (lower is better), accuracy ${percent(s.accuracy)}.`
    : `${person.handle} has no resolved forecasts yet.`;
  return previewTags({ title: person.handle, description, url: `${siteUrl}/people/${person.id}`, type: "profile" });
}
