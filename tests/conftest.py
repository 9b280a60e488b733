"""Hypothesis profiles: ``ci`` (the default, used by ``make test``) and ``thorough`` (``make fuzz``).

Choose one with ``HYPOTHESIS_PROFILE=thorough``. Tests that cost a CLI run each ask for a share
of the profile's examples with :func:`tests.strategies.examples`, so ``thorough`` scales them too.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,  # CI runs the same examples every time: a red build is a real change
    # no deadline: the first example loads langid and trafilatura (seconds), and CI machines
    # are shared; a pathological slowdown shows in the run time of the suite instead
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
