"""The spec loader never raises anything but a SpecError naming the file, whatever it is given."""

import string

import yaml
from helpers import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.cases import plan_cases
from drill.errors import SpecError
from drill.spec import load_spec

EXAMPLE = (REPO / "problems" / "basics" / "softmax.yaml").read_text()
EXAMPLE_DATA = yaml.safe_load(EXAMPLE)
REQUIRED = {"id", "title", "topic", "difficulty", "minutes", "kind", "entry", "signature", "prompt", "reference",
            "tests"}

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 50), st.floats(allow_nan=False),
                    st.text(string.printable, max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(string.ascii_letters, max_size=8), inner, max_size=4)),
                      max_leaves=12)


def _load(tmp_path, text):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass") if isinstance(text, str) else path.write_bytes(text)
    try:
        spec = load_spec(path)
        plan_cases(spec, seed=1)
        return spec
    except SpecError as error:
        assert str(path) in error.message
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_text(tmp_path, text):
    _load(tmp_path, text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_arbitrary_bytes(tmp_path, data):
    _load(tmp_path, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_one_field_replaced_or_removed(tmp_path, data):
    spec = dict(EXAMPLE_DATA)
    tests = dict(spec["tests"])
    spec["tests"] = tests
    inputs = dict(tests["inputs"])
    tests["inputs"] = inputs
    inputs["x"] = dict(inputs["x"])
    target = data.draw(st.sampled_from([spec, tests, tests, inputs["x"]]))
    key = data.draw(st.sampled_from(sorted(target)))
    deleted = data.draw(st.booleans())
    if deleted:
        del target[key]
    else:
        target[key] = data.draw(values)
    result = _load(tmp_path, yaml.safe_dump(spec))
    if deleted and target is spec and key in REQUIRED:
        assert result is None, f"a spec without `{key}` loaded"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(EXAMPLE)), st.integers(0, 40), st.text(max_size=10))
def test_example_with_a_splice(tmp_path, at, cut, insert):
    _load(tmp_path, EXAMPLE[:at] + insert + EXAMPLE[at + cut:])
