"""The letters' hand-made accepted round, with its letters composed and sent."""

from __future__ import annotations

import pytest

from omkijken.letting.letters.services import letters_for_round, letters_send_all
from tests.browser.conftest import browser  # noqa: F401  (the browser test's fixtures)
from tests.browser.test_letting_flow import desk  # noqa: F401
from tests.letting.letters.conftest import LetterRound, letter_round  # noqa: F401


@pytest.fixture
def sent_round(letter_round: LetterRound, django_capture_on_commit_callbacks) -> LetterRound:  # type: ignore[no-untyped-def]  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        letters_for_round(actor=letter_round.officer, round=letter_round.round)
        letters_send_all(actor=letter_round.officer, round=letter_round.round)
    return letter_round
