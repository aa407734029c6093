"""The registry of problem codes: the single source of truth for their meaning.

Codes are stable kebab-case strings; a code is never renamed or reused. The
problem-code reference page of the site is generated from this registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    group: str
    title: str
    explanation: str


_CODES: list[Code] = [
    # --- files and YAML ---------------------------------------------------------
    Code(
        "file-unreadable",
        "error",
        "file",
        "File cannot be read",
        "The file or directory could not be opened (permissions, a broken link, a directory "
        "where a file is expected).",
    ),
    Code(
        "file-too-large",
        "error",
        "file",
        "File over 1 MiB",
        "Record files are small; a file over 1 MiB is refused unread.",
    ),
    Code(
        "not-utf8",
        "error",
        "file",
        "Not UTF-8",
        "Record files must be UTF-8 text. The message gives the first bad byte's line.",
    ),
    Code(
        "unexpected-file",
        "error",
        "file",
        "Not a record file",
        "Only `<id>.yaml` records live in data/claims and data/sources (no .yml, no other "
        "files), and only the known schema files in data/schema.",
    ),
    Code(
        "not-a-regular-file",
        "error",
        "file",
        "Link or special file under data/",
        "A symbolic link, named pipe, socket or device anywhere under the data directory: "
        "nothing there is read or published through a link (it could point at any file of the "
        "machine that builds the site).",
    ),
    Code(
        "schema-invalid",
        "error",
        "file",
        "Schema file unusable",
        "A file in data/schema is missing, not JSON, or not a valid JSON Schema; the records "
        "of its kind are not checked until it is fixed.",
    ),
    Code(
        "data-missing",
        "error",
        "file",
        "Required data file missing",
        "The data directory lacks a required file or folder (models.yaml, quantities.yaml, "
        "claims/, sources/).",
    ),
    Code(
        "yaml-syntax",
        "error",
        "yaml",
        "YAML syntax error",
        "The file is not well-formed YAML (also: a control character, a key that is not a plain "
        "value, nesting deeper than 32 levels).",
    ),
    Code(
        "yaml-duplicate-key",
        "error",
        "yaml",
        "Duplicate key",
        "A mapping has the same key twice; YAML parsers would silently keep one of them.",
    ),
    Code(
        "yaml-alias",
        "error",
        "yaml",
        "Anchor or alias",
        "Anchors (`&a`) and aliases (`*a`) are not allowed: each record spells out its data.",
    ),
    Code(
        "yaml-tag",
        "error",
        "yaml",
        "Explicit tag",
        "Explicit tags (`!!python/object`, `!foo`, `!!str`) are refused; no object is ever "
        "constructed from a tag.",
    ),
    Code(
        "yaml-non-finite",
        "error",
        "yaml",
        "NaN or infinity",
        "`.nan`, `.inf` and numbers too large for a float (beyond about 1.8e308) are not figures.",
    ),
    Code(
        "yaml-multiple-documents",
        "error",
        "yaml",
        "More than one YAML document",
        "A record file holds exactly one YAML document.",
    ),
    Code(
        "not-a-mapping",
        "error",
        "yaml",
        "Document is not a mapping",
        "A record file must hold one mapping (key: value pairs) at its top level.",
    ),
    Code(
        "schema-header-missing",
        "warning",
        "yaml",
        "No schema line",
        "Every record file starts with `# yaml-language-server: $schema=…` so that editors "
        "complete and check it.",
    ),
    # --- schema -----------------------------------------------------------------
    Code(
        "schema-missing-property",
        "error",
        "schema",
        "Required property missing",
        "A property the schema requires is absent.",
    ),
    Code(
        "schema-unknown-property",
        "error",
        "schema",
        "Unknown property",
        "A property the schema does not define (often a typo).",
    ),
    Code(
        "schema-wrong-type",
        "error",
        "schema",
        "Wrong type",
        "A value has the wrong type (a string where a number is expected, …).",
    ),
    Code(
        "schema-bad-value",
        "error",
        "schema",
        "Value not allowed",
        "A value breaks a schema constraint: not in the allowed list, wrong pattern, too short "
        "or too long, out of range.",
    ),
    # --- references -------------------------------------------------------------
    Code(
        "bad-id",
        "error",
        "reference",
        "Malformed id",
        "A file name (the record's id) is not kebab-case: `^[a-z0-9]+([-.][a-z0-9]+)*$`.",
    ),
    Code(
        "unknown-model",
        "error",
        "reference",
        "Unknown model",
        "The subject (or a model's `derived_from`) is not a model id in data/models.yaml.",
    ),
    Code(
        "model-derivation-cycle",
        "error",
        "reference",
        "Model derives from itself",
        "A model's `derived_from` names the model itself, or a model that derives from it "
        "(two models that derive from each other): the message names the circle.",
    ),
    Code(
        "unknown-quantity",
        "error",
        "reference",
        "Unknown quantity",
        "The quantity is not an id in data/quantities.yaml.",
    ),
    Code(
        "unknown-unit",
        "error",
        "reference",
        "Unknown unit",
        "The unit is not defined in data/quantities.yaml (`units`).",
    ),
    Code(
        "unknown-source",
        "error",
        "reference",
        "Unknown source",
        "A source id in `sources`, `checked` or `history` has no file in data/sources.",
    ),
    Code(
        "unknown-claim",
        "error",
        "reference",
        "Unknown claim",
        "A claim id in `relations`, `derivation` or `withdrawn` has no file in data/claims "
        "(nor a redirect).",
    ),
    Code(
        "unit-mismatch",
        "error",
        "reference",
        "Unit does not fit the quantity",
        "The claim's unit has another dimension than its quantity's unit.",
    ),
    Code(
        "bad-unit-definition",
        "error",
        "reference",
        "Unit definition invalid",
        "A unit in data/quantities.yaml cannot be defined (an empty or bad expression, an "
        "unknown unit, a circle of definitions). Reported once, at the definition: units "
        "built on it and the records that use them are not reported again.",
    ),
    Code(
        "vocabulary-too-large",
        "error",
        "reference",
        "Vocabularies too large",
        "data/quantities.yaml and data/models.yaml hold more than 5,000 words (counted inside "
        "their terms, qualifiers, names, aliases and word lists) or 100,000 characters in all. "
        "check-source compiles every one of them, at a cost that grows faster than their "
        "number; the project holds about half of that.",
    ),
    Code(
        "term-too-many-wildcards",
        "error",
        "reference",
        "Term with several wildcards",
        "A term, qualifier, alias or name in data/quantities.yaml or data/models.yaml holds more "
        "than one `*`. Each matches any ending of its word; two in one term can share a long "
        "word between them in every way, and check-source would try each (26 of them on 28 "
        "letters took 25 s).",
    ),
    Code(
        "value-kind-mismatch",
        "error",
        "value",
        "Value of the wrong kind",
        "Dates need an ISO date string, text quantities a string, numeric quantities a number "
        "or a range.",
    ),
    Code(
        "bad-date",
        "error",
        "value",
        "Impossible date",
        "A date has the right shape but does not exist (2025-02-30).",
    ),
    Code(
        "bad-range",
        "error",
        "value",
        "Range bounds reversed",
        "A range's `low` is above its `high`.",
    ),
    # --- status and verdict -------------------------------------------------------
    Code(
        "value-missing",
        "error",
        "status",
        "Value missing",
        "Only `undisclosed` records may have a null value.",
    ),
    Code(
        "undisclosed-with-value",
        "error",
        "status",
        "Undisclosed record has a value",
        "An `undisclosed` record says DeepSeek has not given the figure: its value is null.",
    ),
    Code(
        "undisclosed-unchecked",
        "error",
        "status",
        "Undisclosed without checked documents",
        "An `undisclosed` record names (in `checked`) the primary documents that were checked.",
    ),
    Code(
        "checked-not-primary",
        "error",
        "status",
        "Checked document is not primary",
        "`checked` lists DeepSeek's own documents (sources with `primary: true`).",
    ),
    Code(
        "disclosed-without-primary",
        "error",
        "status",
        "Disclosed without primary evidence",
        "`disclosed` needs at least one primary source (DeepSeek's own) with role `supports` or "
        "`claims`, a locator and a quote.",
    ),
    Code(
        "disclosed-figure-not-quoted",
        "error",
        "status",
        "Disclosed figure not in a primary quote",
        "A `disclosed` claim needs a primary source whose quote states the figure (in any "
        "notation: 97.3%, $294K, 2048 H800, 5 × 10−6, two epochs, or a figure the value rounds). "
        "Quote DeepSeek's words that give it, correct the value, or change the status.",
    ),
    Code(
        "estimated-without-method",
        "error",
        "status",
        "Estimate without method",
        "`estimated` claims state their method in `method`.",
    ),
    Code(
        "derived-without-derivation",
        "error",
        "status",
        "Derived without formula",
        "`derived` claims carry a `derivation` (formula and inputs).",
    ),
    Code(
        "no-sources",
        "error",
        "status",
        "No sources",
        "Every claim except an `undisclosed` record cites at least one source.",
    ),
    Code(
        "status-verdict-conflict",
        "error",
        "status",
        "Status and verdict disagree",
        "A `disclosed` figure cannot be `inaccurate` or `unsupported`; an `unsupported` verdict "
        "fits only `speculative` or `estimated` claims.",
    ),
    Code(
        "primary-kind-mismatch",
        "error",
        "status",
        "Primary flag does not fit the kind",
        "Press, blogs, content farms, forums, analyst and research estimates are never "
        "DeepSeek's own documents (`primary: false`).",
    ),
    # --- derivations ----------------------------------------------------------------
    Code(
        "formula-invalid",
        "error",
        "derivation",
        "Formula cannot be evaluated",
        "The formula has a syntax error, an unsupported operation, a name that is not an input, "
        "or an input without a number (null, text, range).",
    ),
    Code(
        "formula-unit-mismatch",
        "error",
        "derivation",
        "Formula has the wrong dimension",
        "The formula's result has another dimension than the claim's unit (or adds unlike units).",
    ),
    Code(
        "derivation-cycle",
        "error",
        "derivation",
        "Circular derivation",
        "A claim's derivation depends, through its inputs, on itself.",
    ),
    Code(
        "arithmetic-disagrees",
        "error",
        "derivation",
        "Arithmetic disagrees, verdict does not say so",
        "The recomputed value differs from the stated value beyond the tolerance: "
        "the verdict must be `inaccurate` (or correct the value).",
    ),
    Code(
        "arithmetic-agrees",
        "error",
        "derivation",
        "Arithmetic agrees, yet the verdict is inaccurate",
        "The recomputed value matches the stated value: the arithmetic is right, so the verdict "
        "cannot be `inaccurate`.",
    ),
    # --- relations ---------------------------------------------------------------------
    Code(
        "correction-missing",
        "error",
        "relations",
        "No correction named",
        "A verdict other than `accurate` names the claims that correct it in "
        "`relations.corrected_by`.",
    ),
    Code(
        "correction-not-accurate",
        "error",
        "relations",
        "Correction is not accurate",
        "A claim named in `corrected_by` must itself be `accurate`.",
    ),
    Code(
        "contradiction-not-symmetric",
        "error",
        "relations",
        "Contradiction not mutual",
        "If A contradicts B, B lists A in `contradicts` too.",
    ),
    Code(
        "self-reference",
        "error",
        "relations",
        "Claim refers to itself",
        "A claim cannot contradict, supersede, correct or derive from itself.",
    ),
    Code(
        "supersedes-cycle",
        "error",
        "relations",
        "Claims supersede each other",
        "Claims list each other under `supersedes` (A supersedes B and B supersedes A, or a "
        "longer circle): the message names the circle.",
    ),
    Code(
        "accurate-claims-disagree",
        "error",
        "relations",
        "Accurate claims disagree",
        "Two accurate claims about the same model, quantity and scope give different values.",
    ),
    Code(
        "unscoped-claim-disagrees",
        "error",
        "relations",
        "Accurate claim without a scope disagrees",
        "An accurate claim without a `scope` means the quantity as data/quantities.yaml defines "
        "it (its default scope), so it must agree with at least one accurate claim about the "
        "same model and quantity; add a scope saying what the figure counts, or judge it.",
    ),
    Code(
        "withdrawn-replacement-missing",
        "error",
        "relations",
        "Replacement missing",
        "A withdrawn claim's `replaced_by` must exist and not be withdrawn itself.",
    ),
    # --- history -----------------------------------------------------------------------
    Code(
        "history-order",
        "error",
        "history",
        "History out of order",
        "History entries are dated oldest first.",
    ),
    Code(
        "history-status-mismatch",
        "error",
        "history",
        "History does not end at the status",
        "The last history entry's status is the claim's current status.",
    ),
    # --- quotes --------------------------------------------------------------------------
    Code(
        "quote-not-found",
        "error",
        "quotes",
        "Quote not in the snapshot",
        "The quote is not found (whitespace-, case- and punctuation-normalised) in the source's "
        "plain-text snapshot.",
    ),
    Code(
        "no-quote-verified",
        "warning",
        "quotes",
        "No quote verified at all",
        "Not one quote could be checked: none of the snapshots the sources name is in the "
        "snapshot directories (a clone without ../shared). The message says where it looked; "
        "scripts/fetch_sources.py --primary fetches DeepSeek's documents into a cache to pass "
        "with --snapshots.",
    ),
    Code(
        "quote-unchecked",
        "warning",
        "quotes",
        "Quote not verified",
        "The source has no snapshot, or its snapshot file is in none of the snapshot "
        "directories: the quotes citing it could not be checked (never counted as verified). "
        "Reported once per source, on the source record, with the claims concerned.",
    ),
    Code(
        "record-unreadable",
        "error",
        "schema",
        "Record r1kb cannot read",
        "The record passed the schema in data/schema but lacks what r1kb builds the knowledge "
        "base from (a claim without `sources`, a key r1kb does not know): the schema was "
        "loosened in the same change. The record is left out of the knowledge base.",
    ),
    Code(
        "value-out-of-range",
        "error",
        "value",
        "Value beyond any figure's size",
        "A numeric value (or a range's bound) is larger than 1e30 or smaller than 1e-30 in "
        "size (0 is fine): beyond any quantity the knowledge base records, and beyond what the "
        "site's charts and unit conversions can show.",
    ),
    Code(
        "blank-text",
        "error",
        "schema",
        "Text of only spaces",
        "A quote, statement, locator, derivation method, title, publisher, name, alias or "
        "term holds only spaces or invisible characters (zero-width spaces): nothing a reader "
        "could check, and a blank quote is found in any snapshot.",
    ),
    Code(
        "invalid-url",
        "error",
        "reference",
        "URL that cannot be read",
        "A source's `url` or `archive_url` starts with http:// or https:// but is no URL a "
        "browser could follow: a `[` that opens an IPv6 address and never closes, characters "
        "that Unicode normalisation turns into a `/`, `?` or `#` in the host.",
    ),
    Code(
        "duplicate-source",
        "warning",
        "reference",
        "Same document recorded twice",
        "Two source records have the same URL (http/https, a trailing slash and the fragment "
        "aside): cite the existing one, or name each version of the document in `revision`.",
    ),
    Code(
        "bad-exchange-rate",
        "error",
        "reference",
        "Exchange rate between units that are not two currencies",
        "An exchange rate in data/exchange-rates.yaml converts one currency into another: "
        "`unit` and `per` must be two different currencies (units marked `currency: true` in "
        "quantities.yaml, of different dimensions: CNY per USD), and rate ids must be unique.",
    ),
    Code(
        "rate-not-quoted",
        "error",
        "reference",
        "Exchange rate not stated in its quote",
        'An exchange rate\'s quote must state its value (7.2957 in "Jan 2025: 7.2957"): copy '
        "the words of the source that give the rate, or correct the value.",
    ),
    # --- permanence ------------------------------------------------------------------------
    Code(
        "published-id-missing",
        "error",
        "permanence",
        "Published id vanished",
        "An id in data/published-ids.txt has neither a record nor a redirect: ids are permanent "
        "(withdraw a claim, never delete it).",
    ),
    Code(
        "withdrawn-claim-used",
        "error",
        "relations",
        "Withdrawn claim used",
        "A withdrawn claim is named as another claim's correction or as a derivation's input; "
        "use its replacement.",
    ),
    Code(
        "date-in-future",
        "error",
        "relations",
        "Date in the future",
        "A withdrawal, history, publication or access date lies in the future (more than a day "
        "ahead).",
    ),
    Code(
        "published-ids-unreadable",
        "error",
        "permanence",
        "Published-id list unreadable",
        "data/published-ids.txt is missing, a directory, not UTF-8, empty, without its header "
        "line (a comment, first), or has a line that is not "
        "`<kind>/<id>`: the guard of published ids cannot run, so validation fails rather than "
        "let a published id vanish unnoticed.",
    ),
    Code(
        "redirect-invalid",
        "error",
        "permanence",
        "Redirect broken",
        "A redirect's target does not exist, or a redirect shadows a live record.",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}


def severity_of(code: str) -> Severity:
    return CODES[code].severity
