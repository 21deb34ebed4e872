"""The caffeine timeline: add drinks, see caffeine in the body over the day and at bedtime."""

from __future__ import annotations

import traitlets

from .caffeine import (
    bedtime_hour,
    caffeine_left,
    guidance,
    half_life_default,
    half_life_range,
    hour_of_day,
    latest_stop_hour,
)
from .catalogue import say, words
from .data import load_drinks, load_fields
from .fields import check_field, form, validate
from .tool import Tool


class CaffeineTimeline(Tool):
    """`CaffeineTimeline()`: add drinks, see caffeine in the body over the day and at bedtime.

    With a live kernel, `timeline.drinks` lists the drinks ({'time': 'HH:MM', 'mg', 'name'}),
    and `timeline.left_at_bedtime()` gives the milligrams left at `timeline.bedtime`.
    """

    kind = "caffeine-timeline"
    shared = ("common", "storage", "fields", "saved_lists", "form", "data_controls", "plot", "caffeine", "caffeine_day")
    menu = traitlets.List().tag(sync=True)
    fields = traitlets.List().tag(sync=True)
    guidance = traitlets.Dict().tag(sync=True)
    half_life_range = traitlets.List().tag(sync=True)
    max_drinks = traitlets.Int().tag(sync=True)
    drinks = traitlets.List(traitlets.Dict()).tag(sync=True)
    half_life = traitlets.Float().tag(sync=True)
    bedtime = traitlets.Unicode("22:30").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(
            _uses_plotly=True,
            menu=load_drinks(),
            fields=form("caffeine"),
            guidance=guidance(),
            half_life_range=list(half_life_range()),
            max_drinks=load_fields()["limits"]["max_drinks"],
            **{"half_life": half_life_default(), **kwargs},
        )

    def __repr__(self) -> str:
        mg = sum(d.get("mg", 0) for d in self.drinks)
        held = say(self.words["repr"], drinks=len(self.drinks), mg=f"{mg:g}", bedtime=self.bedtime)
        return f"CaffeineTimeline({held})"

    @traitlets.validate("drinks")
    def _check_drinks(self, proposal):
        drinks = proposal["value"]
        most = load_fields()["limits"]["max_drinks"]
        if len(drinks) > most:
            raise traitlets.TraitError(say(words("caffeine_timeline")["error_too_many_drinks"], most=most))
        clean = []
        for drink in drinks:
            entry, errors = validate(form("caffeine"), drink)
            if errors:
                raise traitlets.TraitError(" ".join(errors.values()))
            clean.append(entry)
        return clean

    @traitlets.validate("half_life")
    def _check_half_life(self, proposal):
        low, high = half_life_range()
        if not low <= proposal["value"] <= high:
            raise traitlets.TraitError(say(words("caffeine_timeline")["error_half_life"], low=low, high=high))
        return proposal["value"]

    @traitlets.validate("bedtime")
    def _check_bedtime(self, proposal):
        value, problem = check_field(form("bedtime")[0], proposal["value"], "")
        if problem:
            raise traitlets.TraitError(problem)
        return value

    def _drink_hours(self) -> tuple[list[tuple[float, float]], float]:
        drinks = [(hour_of_day(d["time"]), d["mg"]) for d in self.drinks]
        return drinks, bedtime_hour(self.bedtime, [h for h, _ in drinks])

    def left_at_bedtime(self) -> float:
        """Milligrams of caffeine left at bedtime, by the course's formula."""
        drinks, bed = self._drink_hours()
        return caffeine_left(drinks, bed, self.half_life)

    def latest_stop_time(self) -> str | None:
        """The clock time ('HH:MM') by which to have the last caffeine for under 100 mg at bedtime.

        None when even all of it first thing in the morning would leave 100 mg or more.
        """
        drinks, bed = self._drink_hours()
        stop = latest_stop_hour(drinks, bed, self.half_life)
        return None if stop is None else f"{int(stop) % 24:02d}:{round(stop % 1 * 60):02d}"
