"""What a figure's model can be besides a model id, and finding names near a figure."""

from __future__ import annotations

from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.candidates.mentions import Mention

GENERIC = "generic"  # about models in general ("models like R1")
OTHER = "other"  # about a model outside R1's family
COMPANY = "deepseek"
EARLIER_CLAUSE = "named in an earlier clause"


def nearest(names: list[Mention], raw: Raw, prefer_before: bool = False) -> Mention:
    def distance(m: Mention) -> float:
        d = raw.start - m.end if m.end <= raw.start else m.start - raw.end
        return d + (0.5 if prefer_before and m.start >= raw.end else 0)

    return min(names, key=distance)
