from tests.programmes.conftest import draft_plan  # noqa: F401 - shared fixture
