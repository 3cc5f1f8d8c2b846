"""Fast units of the grading core, without processes: the precision budget, the forbidden scan,
torch-tampering detection and the bounded result encoding."""

import math

import pytest
import torch

from drill.grading import compare, protocol, rules

TOL64 = {"rtol": 1e-6, "atol": 1e-8}


def test_float32_rounding_inside_the_float64_pass_passes_within_the_budget_and_is_recorded():
    gen = torch.Generator().manual_seed(0)
    x = torch.rand(4, 3000, generator=gen, dtype=torch.float64)
    truth, ref32 = x.cumsum(-1), x.float().cumsum(-1)          # long float32 sums lose digits
    rounded = x.float().flip(-1).cumsum(-1).flip(-1)           # another order, in float32 ...
    rounded = (rounded[..., :1] - rounded + x.float()).double()  # ... of the same prefix sums
    assert compare.compare_tensor(truth, rounded, "output", TOL64), "strict float64 tolerance alone fails it"
    rescued = []
    budget = compare.Budget(truth={"outputs": truth}, ref32={"outputs": ref32}, rescued=rescued).part("outputs")
    assert compare.compare_tensor(truth, rounded, "output", TOL64, budget) == []
    assert rescued and rescued[0]["path"] == "output"


def test_a_formula_bug_is_far_outside_the_budget():
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(4, 16, generator=gen, dtype=torch.float64) * 1e-3
    truth = x / torch.sqrt((x * x).mean(-1, keepdim=True) + 1e-6)
    ref32 = (x.float() / torch.sqrt((x.float() ** 2).mean(-1, keepdim=True) + 1e-6))
    eps_outside = x / (torch.sqrt((x * x).mean(-1, keepdim=True)) + 1e-6)
    budget = compare.Budget(truth={"outputs": truth}, ref32={"outputs": ref32}).part("outputs")
    failures = compare.compare_tensor(truth, eps_outside, "output", TOL64, budget)
    assert failures and failures[0]["kind"] == "values"


def test_shape_and_dtype_stay_exact():
    truth = torch.zeros(2, 3, dtype=torch.float64)
    assert compare.compare_tensor(truth, torch.zeros(3, 2, dtype=torch.float64), "o", TOL64)[0]["kind"] == "shape"
    assert compare.compare_tensor(truth, torch.zeros(2, 3), "o", TOL64)[0]["kind"] == "dtype"


def test_nan_where_the_truth_is_finite_is_never_within_a_budget():
    truth = torch.ones(3, dtype=torch.float64)
    got = torch.tensor([1.0, math.nan, 1.0], dtype=torch.float64)
    budget = compare.Budget(truth={"outputs": truth}, ref32={"outputs": truth.float() + 1e3}).part("outputs")
    failure = compare.compare_tensor(truth, got, "output", TOL64, budget)[0]
    assert failure["non_finite"]["nan"] == 1


def test_the_forbidden_scan_resolves_aliases_and_gives_lines():
    source = "import torch.nn.functional as F\nfrom torch import softmax as sm\n\ndef f(x):\n    return F.softmax(x, -1)\n"
    found = rules.scan_forbidden(source, ["torch.nn.functional.softmax", "torch.softmax"])
    assert ("torch.nn.functional.softmax", 5) in found and ("torch.softmax", 2) in found
    assert rules.scan_forbidden("def f(x):\n    return x.exp()\n", ["torch.softmax"]) == []


def test_tampering_is_a_rebinding_by_the_attempt_not_torch_rewrapping_itself():
    snapshot = rules.snapshot_torch()
    original = torch.allclose
    try:
        torch.allclose = lambda *a, **k: True
        assert "torch.allclose" in rules.tampered(snapshot)
    finally:
        torch.allclose = original
    assert rules.tampered(snapshot) == []


def test_results_round_trip_and_attempt_text_is_made_inert():
    value = {"runs": [{"outputs": (torch.arange(6.0).reshape(2, 3), [1, 2]), "dtype": "float64"}]}
    back = protocol.decode(protocol.safe_loads(protocol.dumps(protocol.encode(value))))
    assert torch.equal(back["runs"][0]["outputs"][0], value["runs"][0]["outputs"][0])
    assert "\x1b" not in protocol.inert("\x1b]52;c;cGFzc3dk\x07 passed")


def test_a_pickle_that_names_a_global_is_refused():
    import pickle

    with pytest.raises(pickle.UnpicklingError, match="refused to load math.sqrt"):
        protocol.safe_loads(pickle.dumps(math.sqrt))


def test_equal_one_byte_and_empty_tensors_are_not_a_shared_reference():
    # CPython keeps one object for b"" and each single byte: two one-element bool results share their bytes
    value = {"runs": [{"outputs": torch.ones(1, dtype=torch.bool)}, {"outputs": torch.ones(1, dtype=torch.bool)},
                      {"outputs": torch.empty(0)}, {"outputs": torch.empty(0)}]}
    protocol.check_bounds(protocol.safe_loads(protocol.dumps(protocol.encode(value))))


def test_a_list_repeated_by_reference_is_refused():
    import pickle

    shared = [1.0] * 10
    with pytest.raises(protocol.Malformed, match="shared reference"):
        protocol.check_bounds(protocol.safe_loads(pickle.dumps([shared] * 10)))
