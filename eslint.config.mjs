// Lint: typescript-eslint's type-checked recommendations, plus the layer rule of
// docs/ARCHITECTURE.md, checked here so that the map cannot drift from the code:
//   routes → services → db → domain, with server/http (plumbing) beside routes.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * db/ functions that write are named for it (insertX, setX, updateX, markX…): keep in sync with
 * the naming rule in docs/ARCHITECTURE.md. Only services (and the session store) may import them.
 */
const DB_WRITES =
  "^((insert|update|upsert|delete|mark|merge|answer|close|decide|prune|touch|bump|getOrCreate|set)[A-Z]|audit$|migrate$)";

const onlyServicesWrite = {
  group: ["**/db/*", "!**/db/connection", "!**/db/paths"],
  importNamePattern: DB_WRITES,
  message: "Writes go through one door: call a function in server/services/ (docs/ARCHITECTURE.md).",
};
const noTransactions = {
  selector: "CallExpression[callee.property.name='transaction']",
  message: "Only server/services/ open transactions: move this write into a service.",
};
/** Raw SQL outside db/ (which also skips the data version that cached pages are kept by). */
const noRawSql = {
  selector: "CallExpression[callee.property.name=/^(prepare|exec)$/]",
  message: "SQL lives in db/; writes go through server/services/ (docs/ARCHITECTURE.md).",
};
const noRawConnection = {
  group: ["**/db/connection"],
  importNames: ["stmt", "openDb", "migrate"],
  message: "Routes and http read through db/ query modules; only commands and main open the database.",
};
const layer = (files, patterns, extra = {}) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }], ...extra },
});
const up = (what, message) => ({ group: what, message });

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test-artifacts/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `namespace Express { interface Locals … }` is how Express's own types are extended.
      "@typescript-eslint/no-namespace": ["error", { allowDeclarations: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.mjs", "**/*.js"], ...tseslint.configs.disableTypeChecked },

  // The layers. Each may import what lies below it, never what lies above.
  layer(
    ["server/domain/**/*.ts"],
    [
      up(
        ["**/db/*", "**/services/*", "**/routes/*", "**/http/*", "**/app"],
        "server/domain is pure: it imports only other domain modules.",
      ),
      up(["express", "express-*", "better-sqlite3"], "server/domain is pure: no express, no better-sqlite3."),
    ],
    {
      "no-restricted-properties": [
        "error",
        { object: "DateTime", property: "now", message: "server/domain is pure: time is passed in." },
        { object: "Date", property: "now", message: "server/domain is pure: time is passed in." },
      ],
    },
  ),
  layer(
    ["db/**/*.ts"],
    [
      up(
        ["**/server/services/*", "**/server/routes/*", "**/server/http/*", "**/server/app", "express"],
        "db/ sits below services, routes and http.",
      ),
    ],
  ),
  layer(
    ["server/services/**/*.ts"],
    [
      up(
        ["**/routes/*", "**/http/*", "**/app", "express"],
        "Services sit below routes and http: they take plain values, never a request.",
      ),
    ],
    {
      "no-restricted-syntax": [
        "error",
        {
          ...noTransactions,
          message:
            "Open transactions with writeTransaction (server/services/write-transaction.ts): it bumps the data version.",
        },
      ],
    },
  ),
  // The one place a service opens a transaction.
  { files: ["server/services/write-transaction.ts"], rules: { "no-restricted-syntax": "off" } },
  layer(
    ["server/http/**/*.ts"],
    [
      up(
        ["**/routes/*", "**/services/*"],
        "server/http is plumbing beside the routes: it does not call routes or services.",
      ),
      {
        ...onlyServicesWrite,
        group: [
          "**/db/*",
          "!**/db/connection",
          "!**/db/paths",
          "!**/db/sessions",
          "!**/db/settings",
          "!**/db/rate-limits",
        ],
      },
      noRawConnection,
    ],
    { "no-restricted-syntax": ["error", noTransactions, noRawSql] },
  ),
  layer(["server/routes/**/*.ts"], [onlyServicesWrite, noRawConnection], {
    "no-restricted-syntax": ["error", noTransactions, noRawSql],
  }),
  layer(["scripts/**/*.ts"], [up(["**/routes/*"], "Commands call services, not routes."), onlyServicesWrite], {
    "no-restricted-syntax": ["error", noTransactions],
  }),

  // Tests read JSON bodies that supertest types as `any`; asserting on them is the point.
  {
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
