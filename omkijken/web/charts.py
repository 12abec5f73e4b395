"""Server-rendered mix charts: the current vulnerable share against the project's target band.

Rendered as inline SVG by the template ``web/_mix_bar.html`` (no JavaScript, no inline style,
so the content security policy stays strict); every chart carries a text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _


def _pct(value: Decimal | float | None) -> str:
    return "–" if value is None else f"{float(value) * 100:.0f}%"


@dataclass(frozen=True)
class MixBar:
    label: str
    share: float | None
    target: float | None
    lower: float | None
    upper: float | None
    vulnerable: int
    occupied: int
    cap: int | None = None

    @property
    def status(self) -> str:
        if self.share is None:
            return "none"
        if self.cap is not None and self.vulnerable > self.cap:
            return "high"
        if self.upper is not None and self.share > self.upper + 1e-9:
            return "high"
        if self.lower is not None and self.share < self.lower - 1e-9:
            return "low"
        return "ok"

    @property
    def status_text(self) -> str:
        return {
            "none": _("no residents yet"),
            "high": _("above the target band"),
            "low": _("below the target band"),
            "ok": _("within the target band"),
        }[self.status]

    @property
    def description(self) -> str:
        if self.share is None:
            return _("%(label)s: no occupied homes.") % {"label": self.label}
        parts = [
            _("%(label)s: %(share)s vulnerable households (%(vulnerable)s of %(occupied)s occupied homes)")
            % {
                "label": self.label,
                "share": _pct(self.share),
                "vulnerable": self.vulnerable,
                "occupied": self.occupied,
            }
        ]
        if self.target is not None:
            parts.append(
                _("target %(target)s, band %(lower)s–%(upper)s")
                % {"target": _pct(self.target), "lower": _pct(self.lower), "upper": _pct(self.upper)}
            )
        if self.cap is not None:
            parts.append(_("cap %(cap)s households") % {"cap": self.cap})
        parts.append(self.status_text)
        return "; ".join(parts) + "."

    # Geometry for the SVG (viewBox 0 0 100 10), in percent of the width.
    @property
    def value_width(self) -> float:
        return round(min(1.0, self.share or 0.0) * 100, 2)

    @property
    def band_x(self) -> float | None:
        return None if self.lower is None else round(self.lower * 100, 2)

    @property
    def band_width(self) -> float | None:
        if self.lower is None or self.upper is None:
            return None
        return round((self.upper - self.lower) * 100, 2)

    @property
    def target_x(self) -> float | None:
        return None if self.target is None else round(self.target * 100, 2)

    @classmethod
    def for_project_complex(cls, complex_: Any, occupancy: Any, project: Any | None) -> MixBar:
        return cls(
            label=str(complex_.name),
            share=float(occupancy.share) if occupancy.share is not None else None,
            target=float(project.target_vulnerable_share) if project else None,
            lower=float(project.lower_limit) if project else None,
            upper=float(project.upper_limit) if project else None,
            vulnerable=occupancy.vulnerable,
            occupied=occupancy.occupied,
        )

    @classmethod
    def for_section(cls, section: Any, occupancy: Any | None, project: Any | None) -> MixBar:
        occupied = occupancy.occupied if occupancy else 0
        vulnerable = occupancy.vulnerable if occupancy else 0
        share = float(occupancy.share) if occupancy and occupancy.share is not None else None
        return cls(
            label=str(section.name),
            share=share,
            target=float(project.target_vulnerable_share) if project else None,
            lower=float(project.lower_limit) if project else None,
            upper=float(project.upper_limit) if project else None,
            vulnerable=vulnerable,
            occupied=occupied,
            cap=section.max_vulnerable,
        )
