"""Names in the text: the knowledge base's models, DeepSeek the company, other models, benchmarks.

Model names come from data/models.yaml ("DeepSeek-R1-Distill-Qwen-32B" is also found as
"R1-Distill-Qwen-32B", "DeepSeek R1" and "R1"); other model families and benchmark names are
small vocabularies here. A mention after "like", "similar to", "than"… is comparative: it
names a class of models, not the subject of the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from r1kb.checksource.notations import HY
from r1kb.checksource.spans import Spans
from r1kb.kb import KnowledgeBase

_COMPARATIVE_BEFORE = re.compile(
    r"(?:\blike|\bsuch\s+as|\bsimilar\s+to|\bcomparable\s+to|\bcompared\s+(?:to|with)|\bthan"
    r"|\bversus|\bvs\.?|\bunlike|\bsimilar\s+[\w-]+(?:\s+[\w-]+)?\s+to|\brivals?|\bbeats?)"
    r"\s+(?:the\s+|a\s+)?$",
    re.I,
)
_SUFFIX_COMPARATIVE = {"like", "style", "class", "level", "type", "esque"}
_SUFFIX_SAME = {"based", "generated", "powered", "trained", "made", "s"}
_OTHER_MODELS = re.compile(
    r"(?<![\w-])(?:Chat)?GPT(?:[\s\-‑]?\d(?:\.\d)?(?:o|[\s\-‑]?(?:turbo|mini))?)?(?![\w])"
    r"|(?<![\w-])o[134](?:[\-‑](?:mini|preview|pro))?(?![\w])"
    r"|(?<![\w-])(?:Claude|Gemini|PaLM|LLaMA|Llama|Qwen|QwQ|Mixtral|Mistral|Grok|BERT|Kimi|Falcon"
    r"|Gemma|Phi|Chinchilla|Gopher|Bloom|BLOOM)(?:[\s\-‑]?\d+(?:\.\d+)?)?(?![\w])"
    r"|(?<![\w-])DeepSeek[\s\-‑]?(?:V2(?:\.5)?|Coder|Math|LLM|MoE|VL\d?|V3\.\d|V4|Prover)(?![\w])"
    r"|(?<![\w-])V2(?:\.5)?(?![\w])"
    r"|(?<![\w-])(?:OpenAI|Anthropic|Google|Meta|Microsoft|Alibaba|xAI|Mistral\s+AI)(?:['’]s)?(?![\w])"
)
_COMPANY = re.compile(r"(?<![\w-])(?:DeepSeek|High[\s\-‑]?Flyer)(?:\s+AI)?(?:['’]s)?(?![\w\-‑])")
BENCHMARKS = {
    "aime-2024": r"AIME\s*(?:['’]|20)?24",
    "aime-2025": r"AIME\s*(?:['’]|20)?25",
    "math-500": rf"MATH{HY}?\s?500",
    "gpqa-diamond": rf"GPQA(?:{HY}|\s)?(?:Diamond)?",
    "livecodebench": r"LiveCode\s?Bench",
    "codeforces-rating": r"Codeforces",
    "mmlu": rf"MMLU(?!{HY}?\s?(?:Pro|Redux))",
    "swe-bench-verified": rf"SWE{HY}?\s?[Bb]ench(?:\s+Verified)?",
}
_EVAL_MARKS = re.compile(r"(?:pass|cons|maj)@\d+|\b(?:Elo|Top)\s?\d+%?", re.I)
_GPU = re.compile(r"(?<![\w])(?:NVIDIA\s+|Nvidia\s+)?(?:[AHBVL]\d{2,3}S?|H20|GB200)(?![\w])")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # "model" | "company" | "other" | "benchmark" | "gpu" | "mark"
    ref: str = ""  # model id, or benchmark quantity id
    comparative: bool = False


def _name_pattern(name: str) -> tuple[str, str | None]:
    """Regex of a model name with any hyphen or space between its parts, and of its short form."""
    parts = re.split(r"[-\s]+", name)
    full = rf"(?:{HY}|\s)?".join(re.escape(p) for p in parts)
    if parts[0].lower() != "deepseek" or len(parts) < 2:
        return full, None
    short = rf"(?:{HY}|\s)?".join(re.escape(p) for p in parts[1:])
    return full, short


@cache
def _model_patterns(names: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    pats: list[tuple[str, re.Pattern[str], str]] = []
    for mid, name in names:
        full, short = _name_pattern(name)
        prefixed = rf"DeepSeek(?:['’]s)?(?:{HY}|\s)*" + (short or full)
        pats.append((name, re.compile(rf"(?<![\w]){prefixed}", re.I), mid))
        if short:
            pats.append((short, re.compile(rf"(?<![\w.]){short}"), mid))
            if "Distill" in short:
                bare = short.split("Distill", 1)[1]
                pats.append(
                    ("Distill" + bare, re.compile(rf"(?<![\w]){'Distill' + bare}", re.I), mid)
                )
    pats.sort(key=lambda p: len(p[0]), reverse=True)
    return [(p, mid) for _, p, mid in pats]


def _comparative(text: str, start: int, end: int) -> bool:
    return bool(_COMPARATIVE_BEFORE.search(text[max(0, start - 40) : start]))


def find_mentions(text: str, kb: KnowledgeBase) -> list[Mention]:
    """Every name in text, longest first, never overlapping, in text order."""
    found: list[Mention] = []
    taken = Spans()

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    def add(m: Mention) -> None:
        found.append(m)
        taken.add(m.start, m.end)

    names = tuple(sorted((m.id, m.name) for m in kb.models.values() if m.kind != "company"))
    for pattern, mid in _model_patterns(names):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            cont = re.match(rf"(?:{HY}|['’])(\w+)", text[m.end() :])
            nxt = text[m.end() : m.end() + 1]
            if (
                nxt.isalnum()
                or nxt == "_"
                or (nxt == "." and text[m.end() + 1 : m.end() + 2].isdigit())
            ):
                continue
            comparative = _comparative(text, m.start(), m.end())
            if cont and cont.group(1).lower() in _SUFFIX_COMPARATIVE:
                comparative = True
            elif cont and cont.group(1).lower() not in _SUFFIX_SAME:
                add(Mention(m.start(), m.end() + cont.end(), "other"))  # an unknown variant
                continue
            add(Mention(m.start(), m.end(), "model", mid, comparative))
    for kind, pattern in (("other", _OTHER_MODELS), ("company", _COMPANY), ("gpu", _GPU)):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                ref = "deepseek" if kind == "company" else ""
                add(Mention(m.start(), m.end(), kind, ref, _comparative(text, m.start(), m.end())))
    for qid, pat in BENCHMARKS.items():
        for m in re.finditer(rf"(?<![\w]){pat}(?![\w])", text):
            if free(m.start(), m.end()):
                add(Mention(m.start(), m.end(), "benchmark", qid))
    for m in _EVAL_MARKS.finditer(text):
        if free(m.start(), m.end()):
            add(Mention(m.start(), m.end(), "mark", m.group().lower()))
    return sorted(found, key=lambda m: m.start)
