"""The problem bank: every catalog id exists, and every spec validates (reference passes,
scaffold fails, every known mistake fails and is diagnosed as itself)."""

import json

import pytest
from helpers import REPO, run_drill

from drill.catalog import load_catalog
from drill.validate import validate_spec

CATALOG_IDS = """
softmax gelu linear layernorm rmsnorm batchnorm ffn swiglu
sdpa attention_mask mha mqa gqa kv_cache cross_attention flash_attention mla paged_attention
sinusoidal_pe rope rope_half alibi t5_bucket rope_scaling
lora moe llama_block
cross_entropy sft_loss infonce kl_divergence kl_estimators dpo ppo gae grpo gspo adamw linear_regression
cosine_schedule clip_grad_norm muon
bpe bpe_encode quantize top_p quantize_groupwise
sliding_window_mask distill_kl dapo speculative_verify sample beam_search rm_loss value_loss shape_rewards
dapo_filter dr_grpo
""".split()

SPECS = sorted(p.stem for p in (REPO / "problems").rglob("*.yaml"))


def test_catalog_has_58_ids():
    assert len(CATALOG_IDS) == len(set(CATALOG_IDS)) == 58


def test_list_json_holds_every_catalog_id():
    result = run_drill("list", "--json")
    assert result.returncode == 0, result.stderr
    ids = {p["id"] for p in json.loads(result.stdout)}
    assert ids == set(CATALOG_IDS), f"missing: {set(CATALOG_IDS) - ids}, extra: {ids - set(CATALOG_IDS)}"


def test_every_spec_loads():
    catalog = load_catalog()
    assert not catalog.broken, [e.message for e in catalog.broken]


@pytest.mark.parametrize("problem", SPECS)
def test_spec_validates(problem, grader, catalog):
    result = validate_spec(catalog.get(problem), grader, seeds=[1])
    assert result.ok, "\n".join(result.problems)
