"""The figure evaluation run on the shipped seeds: 16/16 and issue 10's targets."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "evaluate_figures.py"
spec = importlib.util.spec_from_file_location("evaluate_figures", SCRIPT)
evaluate_figures = importlib.util.module_from_spec(spec)
sys.modules["evaluate_figures"] = evaluate_figures  # dataclasses look their module up there
spec.loader.exec_module(evaluate_figures)


@pytest.fixture(scope="module")
def seeds():
    return evaluate_figures.evaluate_seeds()


def test_seeds_every_figure_found_with_exact_bounds(seeds):
    assert (seeds.gold, seeds.found, seeds.exact) == (16, 16, 16)


@pytest.mark.parametrize("measure", sorted(evaluate_figures.TARGETS))
def test_seeds_meet_the_targets(seeds, measure):
    assert seeds.share(measure) >= evaluate_figures.TARGETS[measure]


def test_seeds_modality_and_running_totals(seeds):
    assert all(seeds.modality) and all(seeds.cumulative) and not seeds.forbidden


def test_war_gold_when_the_corpus_is_there():
    if not evaluate_figures.WAR_CORPUS.exists():
        pytest.skip("../shared/war-corpus is absent")
    tallies = evaluate_figures.evaluate_war(("dev",), use_places=False)
    assert tallies["dev"].gold > 0 and tallies["dev"].share("hedge") == 1.0
