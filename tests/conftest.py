import pytest

from tests.mutants import load_all


@pytest.fixture(scope="session")
def mutants():
    return load_all()
