"""`omkijken quota forecast --year Y --format json` and `omkijken quota backtest --year Y --from D`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omkijken.quotas.forecast_model import DEFAULT_RUNS, DEFAULT_SEED
from omkijken.quotas.selectors import backtest, forecast


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from exc


class Command(BaseCommand):
    help = "The quota (taakstelling) forecast: will the task be met, and how good was it in the past?"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        f = sub.add_parser("forecast", help="required, realised, forecast low/mid/high and backlog per group")
        f.add_argument("--year", type=int, required=True)
        f.add_argument("--on", type=_date, help="day of reckoning (default: today)")
        f.add_argument("--seed", type=int, default=DEFAULT_SEED)
        f.add_argument("--runs", type=int, default=DEFAULT_RUNS)
        f.add_argument("--format", choices=["json", "text"], default="text")
        b = sub.add_parser("backtest", help="forecast from a past day with what was known then, and compare")
        b.add_argument("--year", type=int, required=True)
        b.add_argument("--from", dest="on", type=_date, help="day to forecast from (default: 1 July)")
        b.add_argument("--seed", type=int, default=DEFAULT_SEED)
        b.add_argument("--runs", type=int, default=DEFAULT_RUNS)
        b.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be between 2000 and 2100")
        if options["action"] == "forecast":
            self._forecast(year, options)
        else:
            self._backtest(year, options)

    def _forecast(self, year: int, options: dict[str, Any]) -> None:
        made = forecast(None, year=year, seed=options["seed"], on=options["on"], runs=options["runs"])
        rows: list[dict[str, Any]] = [
            {
                "target_group": g.target_group,
                "period": g.period_label,
                "period_start": g.start.isoformat(),
                "period_end": g.end.isoformat(),
                "required": g.required,
                "backlog_in": g.backlog_in,
                "due": g.due,
                "realised": g.realised,
                "forecast": {"low": g.low, "mid": g.mid, "high": g.high},
                "probability_met": g.probability_met,
                "backlog": g.backlog_expected,
                "verdict": g.verdict,
            }
            for g in made.groups
        ]
        if options["format"] == "json":
            doc = {
                "year": year,
                "on": made.on.isoformat(),
                "seed": made.seed,
                "runs": made.runs,
                "groups": rows,
            }
            self.stdout.write(json.dumps(doc, indent=2))
            return
        self.stdout.write(f"quota forecast {year} on {made.on} (seed {made.seed}, {made.runs} runs)")
        for r in rows:
            fc = r["forecast"]
            self.stdout.write(
                f"{r['target_group']:>4} {r['period']:<22} due {r['due']:>5} realised {r['realised']:>5} "
                f"forecast {fc['low']}–{fc['mid']}–{fc['high']} backlog {r['backlog']} ({r['verdict']})"
            )

    def _backtest(self, year: int, options: dict[str, Any]) -> None:
        on = options["on"] or dt.date(year, 7, 1)
        result = backtest(year=year, on=on, seed=options["seed"], runs=options["runs"])
        if options["format"] == "json":
            doc = {
                "year": year,
                "from": on.isoformat(),
                "mean_absolute_error": result.mean_absolute_error,
                "mean_absolute_percentage_error": result.mean_absolute_percentage_error,
                "coverage": result.coverage,
                "groups": [
                    {
                        "target_group": r.target_group,
                        "due": r.due,
                        "forecast": {"low": r.low, "mid": r.mid, "high": r.high},
                        "actual": r.actual,
                        "error": r.error,
                        "within_interval": r.within,
                    }
                    for r in result.rows
                ],
            }
            self.stdout.write(json.dumps(doc, indent=2))
            return
        self.stdout.write(f"quota backtest {year} from {on}")
        for r in result.rows:
            self.stdout.write(
                f"{r.target_group:>4} forecast {r.low}–{r.mid}–{r.high} actual {r.actual} error {r.error:+d}"
                f"{'' if r.within else ' (outside the interval)'}"
            )
        self.stdout.write(
            f"mean absolute error {result.mean_absolute_error} households "
            f"({result.mean_absolute_percentage_error} %), {result.coverage:.0%} within the 80% interval"
        )
