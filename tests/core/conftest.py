from tests.programmes.conftest import draft_plan, issued_plan, officer_assignment  # noqa: F401 - shared fixtures
