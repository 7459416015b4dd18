import pytest


@pytest.fixture
def as_admin(cast, second_admin):
    """Matrix overrides for pages only association admins may use."""
    return {"entitled": second_admin}
