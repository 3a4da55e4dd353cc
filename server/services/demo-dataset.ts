// The demo: the 2014 rumor thread, the 2018 MoU article, claims written from what the commenters
// speculated about, and the public record that settled them (DESIGN.md, "Outcome facts").
// Every forecast quotes the commenter's words; its probability is the hedge table's suggestion
// for those words, so each number on the demo pages can be traced to a sentence.
import { suggestProbability } from "../domain/speculation";
import type { DatasetInput } from "../domain/dataset";

export const THREAD_FILE = "2014-rumor-thread.txt";
export const THREAD_TITLE = "Microsoft's and Xiaomi's CEOs meet up in China – rumors ensue";
/** The thread has no dates; DESIGN.md places it in late September 2014 ("last week" Nadella visited). */
export const THREAD_PUBLISHED = "2014-09-30";
export const ARTICLE_FILE = "2018-mou-article.txt";
export const ARTICLE_TITLE = "Xiaomi teams up with Microsoft: the 2018 strategic MoU (cloud, AI, hardware)";

const claims: DatasetInput["claims"] = [
  {
    key: "xiaomi-windows-phone",
    text: "Xiaomi sells a smartphone running Windows Phone or Windows 10 Mobile before 2019-01-01",
    details:
      "YES if Xiaomi itself sells a phone that ships with Windows Phone 8.x or Windows 10 Mobile, in any market. A ROM that owners flash themselves does not count.",
    resolveBy: "2019-01-01",
    tags: ["xiaomi", "windows-phone"],
  },
  {
    key: "xiaomi-windows-device",
    text: "Xiaomi sells any device running Windows (phone, tablet or laptop) before 2017-01-01",
    details: "YES if Xiaomi sells a device that ships with any edition of Windows before 1 January 2017.",
    resolveBy: "2017-01-01",
    tags: ["xiaomi", "windows"],
  },
  {
    key: "microsoft-buys-xiaomi",
    text: "Microsoft acquires Xiaomi, or a controlling stake in it, before 2020-01-01",
    details: "YES if Microsoft announces a completed acquisition of Xiaomi or of more than 50 % of its shares.",
    resolveBy: "2020-01-01",
    tags: ["xiaomi", "microsoft", "acquisition"],
  },
  {
    key: "office-on-xiaomi",
    text: "Xiaomi preinstalls Microsoft Office on its Android phones or tablets before 2017-01-01",
    details: "YES if Xiaomi announces or ships Android devices with Microsoft Office apps preinstalled.",
    resolveBy: "2017-01-01",
    tags: ["xiaomi", "microsoft", "office"],
  },
  {
    key: "xiaomi-pays-for-patents",
    text: "Xiaomi pays Microsoft for patents or a patent licence covering its Android devices before 2018-01-01",
    details:
      "YES if Xiaomi buys Microsoft patents or signs a patent licence (royalties or cross-licence) with Microsoft.",
    resolveBy: "2018-01-01",
    tags: ["xiaomi", "microsoft", "patents"],
  },
  {
    key: "xiaomi-microsoft-partnership",
    text: "Xiaomi and Microsoft sign a strategic partnership covering cloud, AI or hardware before 2019-01-01",
    details:
      "YES if the two companies announce a framework agreement or MoU on cloud computing, artificial intelligence or hardware. Software preinstallation deals alone do not count.",
    resolveBy: "2019-01-01",
    tags: ["xiaomi", "microsoft", "partnership"],
  },
  {
    key: "windows-phone-alive-2020",
    text: "Microsoft still supports Windows 10 Mobile on phones on 2020-12-31",
    details:
      "YES if Windows 10 Mobile (the successor of Windows Phone) still receives Microsoft security updates on 31 December 2020.",
    resolveBy: "2020-12-31",
    tags: ["windows-phone", "microsoft"],
  },
  {
    // Still open: the acquisition rumor, restated for the years after the thread. It gives a reader
    // of the demo something to forecast on.
    key: "microsoft-stake-in-xiaomi-2030",
    text: "Microsoft announces that it owns at least 5 % of Xiaomi's shares before 2030-01-01",
    details:
      "YES if Microsoft or Xiaomi announces, or a filing shows, that Microsoft holds 5 % or more of Xiaomi's shares at any time before 1 January 2030.",
    resolveBy: "2030-01-01",
    tags: ["xiaomi", "microsoft", "acquisition"],
  },
];

const events: DatasetInput["events"] = [
  {
    key: "mi-pad-2-windows",
    title: "Xiaomi sells a Windows 10 edition of the Mi Pad 2 tablet",
    occurredOn: "2015-11-01",
    datePrecision: "month",
    summary: "The Mi Pad 2 goes on sale in China in an Android edition and a Windows 10 edition.",
  },
  {
    key: "mi4-test-rom",
    title: "Microsoft releases a Windows 10 Mobile test ROM for the Xiaomi Mi 4 in China",
    occurredOn: "2015-12-03",
    summary:
      "Owners of a Mi 4 in China can flash a Windows 10 Mobile ROM themselves. No Xiaomi phone is ever sold with Windows Phone or Windows 10 Mobile.",
  },
  {
    key: "patent-deal-2016",
    title: "Xiaomi buys about 1,500 Microsoft patents and agrees to preinstall Office and Skype",
    occurredOn: "2016-06-01",
    summary:
      "Xiaomi buys about 1,500 patents from Microsoft, signs a cross-licence, and agrees to preinstall Microsoft Office and Skype on its Android phones and tablets.",
  },
  {
    key: "mou-2018",
    title: "Xiaomi and Microsoft sign a strategic framework MoU on cloud, AI and laptops",
    occurredOn: "2018-02-23",
    summary:
      "A memorandum of understanding on Azure cloud services, artificial intelligence (Cortana on the Mi AI speaker) and laptops.",
    evidenceQuote:
      "They signed a memorandum of understanding (MoU) to deepen their collaboration and further solidify their joint efforts in the global market.",
    source: ARTICLE_TITLE,
  },
  {
    key: "xiaomi-ipo",
    title: "Xiaomi lists on the Hong Kong stock exchange",
    occurredOn: "2018-07-09",
    summary: "Xiaomi goes public in Hong Kong as an independent company, not owned by Microsoft.",
  },
  {
    key: "wm10-end-of-support",
    title: "Windows 10 Mobile reaches end of support",
    occurredOn: "2019-12-10",
    summary: "Microsoft ends support for Windows 10 Mobile; Windows phones are discontinued.",
  },
];

/** [claim, handle, comment site number (null: the article itself), the quoted words]. */
const QUOTES: [string, string, string | null, string][] = [
  [
    "xiaomi-windows-phone",
    "GSM Insider",
    null,
    "Naturally, a meetup between these two figures instantly generates speculation about possible Xiaomi devices, powered by Microsoft's Windows Phone operating systems.",
  ],
  [
    "xiaomi-windows-device",
    "GSM Insider",
    null,
    "Naturally, a meetup between these two figures instantly generates speculation about possible Xiaomi devices, powered by Microsoft's Windows Phone operating systems.",
  ],
  ["xiaomi-windows-phone", "Tziggy14", "5", "Don't tell me Xiaomi is considering Windows Phones now."],
  [
    "xiaomi-windows-phone",
    "joey_sfb",
    "12",
    "Maybe if MS offer Windows 9 free to Xiaomi than MS might have a fighting chance in China.",
  ],
  ["xiaomi-windows-phone", "xoxoGeorges", "18", "If they ever make WPs, I hope they don't use MediaTeks."],
  [
    "microsoft-buys-xiaomi",
    "nokia12",
    "7",
    "now MS will try to bribe xiaomi and then kill it off ... just like they have always done in their glorious past..",
  ],
  [
    "microsoft-buys-xiaomi",
    "kanagadeepan",
    "21",
    "Because, M$ is planning to send Tr0jen H0rse to Xiaomi and destroy them and buy for cheap, like they did to N0kia earlier...",
  ],
  ["microsoft-buys-xiaomi", "SuperNexus", "13", "is MS planning to buy Xiaomi's too?"],
  [
    "office-on-xiaomi",
    "xoxoGeorges",
    "15",
    "Probably to put Office + services on MIUI like the just announced deal they have stricken with Samsung.",
  ],
  [
    "xiaomi-pays-for-patents",
    "flamencoguy",
    "20",
    "Maybe to extract royalties from Xiaomi like they did with other Android manufacturers",
  ],
  [
    "windows-phone-alive-2020",
    "FerneyZan",
    "17",
    "If Microsoft manages to get this company on their side, future windows phones will flourish for sure.",
  ],
  ["windows-phone-alive-2020", "Pattyface", "10", "The more the better it will do."],
  ["windows-phone-alive-2020", "Liveitup", "8", "Yep the future looks good for the OS."],
];

function forecasts(): DatasetInput["forecasts"] {
  return QUOTES.map(([claim, person, comment, quote]) => {
    const suggestion = suggestProbability(quote);
    if (!suggestion) throw new Error(`demo: no speculation found in "${quote}"`);
    return {
      claim,
      person,
      personKind: comment === null ? "publisher" : "commenter",
      probability: suggestion.probability,
      madeAt: THREAD_PUBLISHED,
      quote,
      reasoning: `Suggested from the words (${suggestion.cues.join(", ")}).`,
      from: { source: THREAD_TITLE, comment },
    };
  });
}

const resolutions: DatasetInput["resolutions"] = [
  {
    claim: "xiaomi-windows-phone",
    verdict: "NO",
    basis: "lapse",
    events: ["mi4-test-rom"],
    rationale:
      "The Windows 10 Mobile build for the Mi 4 was a test ROM that owners flashed themselves. Xiaomi never sold a phone with Windows Phone or Windows 10 Mobile, and the resolve-by date passed.",
  },
  {
    claim: "xiaomi-windows-device",
    verdict: "YES",
    basis: "event",
    events: ["mi-pad-2-windows"],
    rationale: "The Mi Pad 2 was sold with Windows 10 in November 2015: a Xiaomi device running Windows.",
  },
  {
    claim: "microsoft-buys-xiaomi",
    verdict: "NO",
    basis: "lapse",
    events: ["xiaomi-ipo"],
    rationale:
      "No acquisition was ever announced; Xiaomi listed in Hong Kong in July 2018 as an independent company, and the resolve-by date passed.",
  },
  {
    claim: "office-on-xiaomi",
    verdict: "YES",
    basis: "event",
    events: ["patent-deal-2016"],
    rationale:
      "In the June 2016 agreement Xiaomi agreed to preinstall Microsoft Office and Skype on its Android phones and tablets.",
  },
  {
    claim: "xiaomi-pays-for-patents",
    verdict: "YES",
    basis: "event",
    events: ["patent-deal-2016"],
    rationale: "Xiaomi bought about 1,500 patents from Microsoft and signed a cross-licence in June 2016.",
  },
  {
    claim: "xiaomi-microsoft-partnership",
    verdict: "YES",
    basis: "event",
    events: ["mou-2018"],
    rationale: "The February 2018 MoU covers Azure cloud services, AI (Cortana on Xiaomi's speaker) and laptops.",
  },
  {
    claim: "windows-phone-alive-2020",
    verdict: "NO",
    basis: "event",
    events: ["wm10-end-of-support"],
    rationale: "Windows 10 Mobile reached end of support on 10 December 2019, a year before the date in the claim.",
  },
];

export function demoDataset(): DatasetInput {
  return { claims, events, forecasts: forecasts(), resolutions };
}
