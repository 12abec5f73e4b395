"""Letting demo data, layered on the demo world (``omkijken.demo.generate``).

``build_intake_demo`` (``intake``) makes the motivation intake: questionnaire, applicant persona,
applications and nominations. ``build_letting_demo`` (``adverts``) then makes adverts, home
seekers and responses, and runs the demo's allocation rounds, offers, key handovers and letters
through the real services (``rounds``). ``delete_letting_demo`` removes all of it.
"""

from omkijken.letting.demo.adverts import build_letting_demo, delete_letting_demo
from omkijken.letting.demo.intake import build_intake_demo

__all__ = ["build_intake_demo", "build_letting_demo", "delete_letting_demo"]
