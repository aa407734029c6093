"""Month names as English writes them ("January", "Jan", "Sept"): what dates are read by, and
the abbreviations a sentence does not end at ("Jan. 20")."""

from __future__ import annotations

import calendar

MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())
}
MONTHS["sept"] = 9
# the abbreviations that are not a month's full name ("Jan.", "Sept."; not "May")
MONTH_ABBREVIATIONS = sorted(m for m in MONTHS if m not in map(str.lower, calendar.month_name))
