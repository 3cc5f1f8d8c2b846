"""Diagnosis that fires on real code: public implementations whose convention differs from the
contract fail with the name of that convention, through `drill check --json`."""

import json

import pytest
from helpers import REPO, run_drill

PUBLIC = [
    ("adamw/fail_hf_legacy_eps.py", "eps before bias correction (Hugging Face's legacy AdamW)"),
    ("grpo/fail_verl_eps.py", "epsilon 1e-6 next to the std (verl's default)"),
    ("gae/fail_verl_whitened.py", "advantages whitened (verl's compute_gae_advantage_return)"),
    ("moe/fail_hf_switch_aux_loss.py", "f divided by the number of tokens"),
]


@pytest.mark.parametrize(("attempt", "mistake"), PUBLIC, ids=[p[0] for p in PUBLIC])
@pytest.mark.parametrize("seed", [5, 6])
def test_public_conventions_are_named(attempt, mistake, seed):
    path = REPO / "tests" / "attempts" / attempt
    result = run_drill("check", path, "--problem", path.parent.name, "--seed", seed, "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["diagnosis"] and report["diagnosis"]["name"] == mistake, report["diagnosis"]


def test_float32_rounding_inside_an_attempt_passes_with_a_note_naming_the_line():
    path = REPO / "tests" / "attempts" / "rmsnorm" / "pass_meta_llama_float32.py"
    result = run_drill("check", path, "--problem", "rmsnorm", "--seed", "4", "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 0, report
    assert report["notes"][0]["line"] == 16 and "float32" in report["notes"][0]["message"]


def test_a_spec_note_names_the_acceptable_variant():
    path = REPO / "tests" / "attempts" / "rope" / "pass_qa_float32_angles.py"
    report = json.loads(run_drill("check", path, "--problem", "rope", "--seed", "4", "--json").stdout)
    assert report["passed"] and report["notes"][0]["message"].startswith("angles in float32:")


def test_a_formula_bug_still_fails_on_every_seed_under_the_precision_budget():
    path = REPO / "tests" / "attempts" / "rmsnorm" / "fail_eps_outside.py"
    for seed in (1, 2, 3, 4, 5):
        report = json.loads(run_drill("check", path, "--problem", "rmsnorm", "--seed", seed, "--json").stdout)
        assert not report["passed"], seed
