"""`drill check --json` output validates against the documented schema (docs/report.schema.json)."""

import json

import jsonschema
import pytest
from helpers import REPO, run_drill

SCHEMA = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
ATTEMPTS = REPO / "tests" / "attempts"


@pytest.mark.parametrize("attempt", [
    "rope/pass_qa_float32_angles.py",       # passes with a note
    "moe/fail_hf_switch_aux_loss.py",       # fails with a diagnosis
    "gelu/fail_forbidden.py",               # fails as a whole
    "rmsnorm/fail_float32_upcast.py",       # dtype failures
])
def test_check_json_validates_against_the_schema(attempt):
    path = ATTEMPTS / attempt
    result = run_drill("check", path, "--problem", path.parent.name, "--seed", "2", "--json")
    jsonschema.validate(json.loads(result.stdout), SCHEMA)


def test_a_syntax_error_report_validates_too(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text("def softmax(x, dim=-1)\n    return x\n")
    jsonschema.validate(json.loads(run_drill("check", path, "--json").stdout), SCHEMA)
