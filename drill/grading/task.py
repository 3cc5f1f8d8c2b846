"""What one side of a check needs to run an entry point: plain data cut from the Spec (no torch).

The attempt's process receives only this task plus its prepared inputs: never the Spec, its
reference, its known mistakes or its make_inputs code (see runner.Grader._run).
"""

EXIT_MEMORY = 86          # the attempt's process ran out of memory while sending its results
EXIT_ISOLATION = 87       # the kernel refused the sandbox: the attempt did not run


def task_for(spec, dtypes: list, device: str) -> dict:
    tests = spec.tests
    return {
        "entry": spec.entry,
        "kind": spec.kind,
        "grad": bool(tests.grad),
        "grad_names": sorted(i.name for i in tests.inputs if i.dtype == "float" and i.grad),
        "value_names": [i.name for i in tests.inputs if i.dtype == "value"],
        "init": dict(tests.init),
        "driver": tests.driver,
        "forbid": list(spec.forbid),
        "size_limit": tests.rules.get("max_intermediate_numel"),
        "dtypes": list(dtypes),
        "device": device,
    }
