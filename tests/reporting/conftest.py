"""The report writers are tested on the agreement tests' small codebook and data."""

from tests.agreement.conftest import codebook, ids, make_data  # noqa: F401
