from tests.programmes.conftest import (  # noqa: F401 - shared fixtures
    draft_plan,
    issued_plan,
    officer_assignment,
)
