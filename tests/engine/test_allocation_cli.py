"""The command line: exit codes, messages that name the JSON path, and no result file on error."""

from __future__ import annotations

import json

import pytest

from omkijken.engine.cli import main
from omkijken.engine.generate import generate_round


def _write(tmp_path, doc, name="round.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def _small(round_builder):
    return round_builder().complex("C1").unit("U1").unit("U2").household("H1", ["U1", "U2"]).build()


def test_allocate_writes_a_result_that_verify_accepts(tmp_path, round_builder, capsys):
    # given
    rnd = _write(tmp_path, _small(round_builder))
    out = tmp_path / "result.json"
    # when
    rc = main(["allocate", str(rnd), "-o", str(out)])
    rc_verify = main(["verify", str(rnd), str(out)])
    # then
    assert rc == 0 and rc_verify == 0
    assert json.loads(out.read_text())["format"] == "omkijken.allocation-result/1"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["candidates"][0]["responses"].append("U999"),
            "candidates[0].responses[2]: unknown unit id 'U999'",
        ),
        (lambda d: d["units"].append(dict(d["units"][0])), "units[2].id: duplicate unit id 'U1'"),
        (
            lambda d: d["units"][1]["household_size"].update(min=5, max=2),
            "units[1].household_size: min 5 is greater",
        ),
        (lambda d: d["units"][0].update(complex="NOPE"), "units[0].complex: unknown complex id 'NOPE'"),
        (lambda d: d["candidates"][0]["household"].update(size=0), "candidates[0].household.size"),
        (lambda d: d.update(date="2025-02-30"), "date"),
        (
            lambda d: d["candidates"].append(dict(d["candidates"][0])),
            "candidates[1].id: duplicate candidate id",
        ),
    ],
)
def test_allocate_refuses_bad_input_with_exit_2_naming_the_path_and_writes_nothing(
    tmp_path, round_builder, capsys, mutate, expected
):
    # given
    doc = _small(round_builder)
    mutate(doc)
    rnd = _write(tmp_path, doc)
    out = tmp_path / "result.json"
    # when
    rc = main(["allocate", str(rnd), "-o", str(out)])
    # then
    assert rc == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [rnd]


def test_allocate_refuses_a_file_that_is_not_json(tmp_path, capsys):
    # given
    rnd = tmp_path / "round.json"
    rnd.write_text("{not json")
    # when
    rc = main(["allocate", str(rnd), "-o", str(tmp_path / "out.json")])
    # then
    assert rc == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_verify_exits_1_and_prints_each_violation(tmp_path, round_builder, capsys):
    # given: a result that gives H1 a unit it did not respond to, twice
    rnd = _write(tmp_path, _small(round_builder))
    out = tmp_path / "result.json"
    main(["allocate", str(rnd), "-o", str(out)])
    result = json.loads(out.read_text())
    result["assignments"] = [
        {"unit": "U1", "candidate": "H1", "channel": "REGULAR", "passendheid": "PAS", "justification": None},
        {"unit": "U2", "candidate": "H1", "channel": "REGULAR", "passendheid": "PAS", "justification": None},
    ]
    out.write_text(json.dumps(result))
    capsys.readouterr()
    # when
    rc = main(["verify", str(rnd), str(out)])
    # then
    assert rc == 1
    assert "rule 1: household H1 gets more than one unit" in capsys.readouterr().out


def test_generate_round_is_deterministic_and_valid(tmp_path):
    # given
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    # when
    main(["generate-round", "--scale", "S", "--seed", "7", "-o", str(a)])
    main(["generate-round", "--scale", "S", "--seed", "7", "-o", str(b)])
    # then
    assert a.read_bytes() == b.read_bytes()
    doc = json.loads(a.read_text())
    assert len(doc["units"]) == 200 and len(doc["candidates"]) == 2000


def test_a_generated_round_allocates_lawfully_and_beats_greedy_on_quota_and_mix():
    # given
    from omkijken.engine.allocation import allocate, verify

    doc = generate_round("S", 3)
    # when
    optimal = allocate(doc)
    greedy = allocate(doc, method="greedy")
    # then
    assert verify(doc, optimal) == []
    o, g = optimal["metrics"]["objective"], greedy["metrics"]["objective"]
    assert (o["quota_shortfall"], o["mix_shortfall"]) <= (g["quota_shortfall"], g["mix_shortfall"])
    assert optimal["metrics"]["bound"] <= o["weighted"]
