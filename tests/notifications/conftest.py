"""The notifications tests remind about the plans the programmes tests build from the seed documents."""

from tests.programmes.conftest import draft_plan, issued_plan  # noqa: F401 (fixtures)
