// Word lists the generated datasets and threads are made of.

export const TAGS = [
  "smartphones",
  "mergers",
  "windows",
  "android",
  "cloud",
  "ai",
  "china",
  "patents",
  "laptops",
  "tablets",
  "ipo",
  "licensing",
  "speakers",
  "wearables",
  "chips",
  "retail",
  "regulation",
  "europe",
  "india",
  "software",
  "services",
  "gaming",
  "cars",
  "satellites",
];
export const COMPANIES = [
  "Microsoft",
  "Xiaomi",
  "Nokia",
  "Huawei",
  "Samsung",
  "Google",
  "Apple",
  "Lenovo",
  "OnePlus",
  "Oppo",
];
export const ACTIONS = [
  "ships a phone running Windows",
  "buys a stake in",
  "preinstalls Office on devices of",
  "signs a patent cross-licence with",
  "launches a cloud region with",
  "puts its assistant on a speaker of",
  "announces a laptop with",
  "ends its partnership with",
];
export const REASONS = [
  "They already ship Office on their tablets.",
  "The CEOs met twice this year.",
  "Regulators will not allow it.",
  "Margins are too thin for that.",
  "Their roadmap leaked last week.",
];
const WORDS = ["mi", "nokia", "lumia", "droid", "pixel", "redmond", "beijing", "metro", "miui", "surface"];

/** The i-th commenter's handle, e.g. "nokiami_1": the same in the dataset and in the thread. */
export const handle = (i: number): string =>
  `${WORDS[i % WORDS.length]}${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}_${i}`;
