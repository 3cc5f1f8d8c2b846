"""Seeded test cases from a spec.

plan_cases is pure Python (dims, seeds, magnitudes: cheap, shown in reports);
build_inputs and fill_parameters need torch and run inside the grading workers.
"""

import math
import random
from dataclasses import asdict, dataclass

from drill.errors import SpecError

_EXPR_GLOBALS = {"__builtins__": {}, "min": min, "max": max, "abs": abs, "math": math, "int": int}


@dataclass
class Case:
    name: str
    dims: dict
    seed: int
    magnitude: float

    def to_dict(self) -> dict:
        return asdict(self)


def evaluate(expr, dims: dict):
    """An int, or an expression over dim names such as `D // H`."""
    if isinstance(expr, (int, float)):
        return expr
    return eval(str(expr), _EXPR_GLOBALS, dict(dims))


MAX_RANDOM_CASES = 400  # case seeds are seed*1000 + i, edge cases from seed*1000 + 500: never shared


def plan_cases(spec, seed: int, count: int | None = None) -> list:
    """Random cases first (magnitudes in turn), then the named edge cases."""
    tests = spec.tests
    count = tests.cases if count is None else count
    cases = []
    for i in range(count):
        case_seed = seed * 1000 + i
        magnitude = tests.magnitudes[i % len(tests.magnitudes)]
        dims = _sample_dims(spec, random.Random(case_seed), fixed={})
        cases.append(Case(name=f"random {i + 1}", dims=dims, seed=case_seed, magnitude=magnitude))
    for j, edge in enumerate(tests.edge_cases):
        case_seed = seed * 1000 + 500 + j
        magnitude = edge.magnitude if edge.magnitude is not None else (1.0 if 1.0 in tests.magnitudes else tests.magnitudes[0])
        dims = _sample_dims(spec, random.Random(case_seed), fixed=edge.dims, name=edge.name)
        cases.append(Case(name=edge.name, dims=dims, seed=case_seed, magnitude=magnitude))
    return cases


def _sample_dims(spec, rng: random.Random, fixed: dict, name: str = "random") -> dict:
    try:
        return _draw_dims(spec, rng, fixed, name)
    except SpecError:
        raise
    except Exception as exc:  # a bad expression, range or choice in the spec's tests
        raise SpecError(f"{spec.path}: tests: cannot draw the dims of case `{name}`: "
                        f"{type(exc).__name__}: {exc}. Check dims, derived and constraints.") from exc


def _draw_dims(spec, rng: random.Random, fixed: dict, name: str) -> dict:
    tests = spec.tests
    for _ in range(2000):
        dims = {}
        for dim, rule in tests.dims.items():
            if dim in fixed:
                dims[dim] = fixed[dim]
            elif isinstance(rule, int):
                dims[dim] = rule
            elif isinstance(rule, dict):
                dims[dim] = rng.choice(rule["choices"])
            else:
                dims[dim] = rng.randint(rule[0], rule[1])
        for dim, value in fixed.items():
            dims.setdefault(dim, value)
        for dim, expr in tests.derived.items():
            if dim not in fixed:
                dims[dim] = evaluate(expr, dims)
        if all(evaluate(c, dims) for c in tests.constraints):
            return dims
    raise SpecError(f"{spec.path}: tests: no dims for case `{name}` satisfy the constraints "
                    f"{tests.constraints} (fixed: {fixed}). Widen the ranges or fix the edge case.")


# ---- torch side -------------------------------------------------------------------------


def build_inputs(spec, case: Case, namespace: dict) -> dict:
    """The case's inputs, float tensors in float64 on the CPU. `namespace` holds make_inputs, if any."""
    import torch

    gen = torch.Generator().manual_seed(case.seed)
    mag = case.magnitude
    inputs = {}
    for item in spec.tests.inputs:
        if item.generated:
            continue
        if item.dtype == "value":
            if item.choices is not None:
                inputs[item.name] = item.choices[int(torch.randint(len(item.choices), (), generator=gen))]
            else:
                inputs[item.name] = item.value
            continue
        shape = [int(evaluate(s, case.dims)) for s in item.shape]
        if item.dtype == "int64":
            low, high = int(evaluate(item.low, case.dims)), int(evaluate(item.high, case.dims))
            inputs[item.name] = torch.randint(low, high, shape, generator=gen)
        elif item.dtype == "bool":
            inputs[item.name] = torch.rand(shape, generator=gen, dtype=torch.float64) < item.p
        else:
            inputs[item.name] = _float_tensor(item, shape, gen, mag if item.scale else 1.0)
    if "make_inputs" in namespace:
        made = namespace["make_inputs"](dict(case.dims), gen, mag)
        inputs.update(made)
    return inputs


def _float_tensor(item, shape, gen, mag):
    import torch

    kw = {"generator": gen, "dtype": torch.float64}
    if item.dist == "normal":
        return torch.randn(shape, **kw) * mag
    if item.dist == "uniform":
        return torch.rand(shape, **kw) * mag
    if item.dist == "positive":
        return (torch.rand(shape, **kw) * 0.9 + 0.1) * mag
    if item.dist == "probs":
        return torch.softmax(torch.randn(shape, **kw) * 2, dim=-1)
    # logprobs: the log-probability of one token under a random 16-way softmax, always <= 0
    return torch.log_softmax(torch.randn([*shape, 16], **kw) * 2, dim=-1)[..., 0]


def fill_parameters(model, seed: int) -> None:
    """Seeded random values for every parameter: never the default init, so a forgotten bias shows."""
    import torch

    gen = torch.Generator().manual_seed(seed + 7)
    with torch.no_grad():
        for name, param in model.named_parameters():
            noise = torch.randn(param.shape, generator=gen, dtype=torch.float64)
            if param.ndim >= 2:
                value = noise / math.sqrt(param.shape[-1])
            elif name.rsplit(".", 1)[-1].startswith("bias"):
                value = 0.5 * noise
            else:
                value = 1.0 + 0.3 * noise
            param.copy_(value.to(param.dtype))


def cast_inputs(inputs: dict, dtype, device, grad_names: set) -> dict:
    """Float tensors to the pass's dtype and device; those in grad_names become leaves that require grad."""
    import torch

    out = {}
    for name, value in inputs.items():
        if isinstance(value, list) and value and all(isinstance(v, torch.Tensor) for v in value):
            # a list of tensors (clip_grad_norm's grads): each element follows the pass, without grad
            value = [v.to(device).to(dtype) if v.is_floating_point() else v.to(device) for v in value]
        elif isinstance(value, torch.Tensor):
            value = value.to(device)
            if value.is_floating_point():
                value = value.to(dtype)
                if name in grad_names:
                    value = value.detach().requires_grad_(True)
        out[name] = value
    return out
